/**
 * One instance as the dashboard and `lab` commands show it: its state (from
 * what the lab did to it and what its last status said), where to reach it,
 * the conditions and NAT the lab's proxy puts on it, and its figures.
 */
import type { LabInstanceView } from '../../shared/lab.js'
import type { LabMember } from './instance/member.js'
import { NO_CONDITIONS } from './net/conditions.js'
import type { Switchboard } from './net/switchboard.js'
import type { Observer } from './observer.js'
import type { Control } from './steering.js'

/** The view of `m`; `switchboard` is absent in-process (no proxy: no conditions). */
export function instanceView (m: LabMember, control: Control, observer: Observer | undefined, switchboard: Switchboard | undefined): LabInstanceView {
  const status = observer?.status(m.name) ?? null
  const readyAt = observer?.readyAt(m.name) ?? null
  const address = m.address
  const running = control.phase === 'running' && m.contract != null
  const state = control.phase === 'down'
    ? 'down'
    : !running || readyAt == null
        ? 'starting'
        : control.partitioned
          ? 'partitioned'
          : m.misbehave != null ? 'misbehaving' : 'ready'
  return {
    name: m.name,
    index: m.index,
    state,
    peerId: m.peerId,
    profile: m.profile,
    addrs: m.addrs,
    api: address?.api ?? null,
    ui: address?.ui ?? null,
    pid: address?.pid ?? null,
    misbehave: m.misbehave,
    partitioned: control.partitioned,
    conditions: switchboard?.conditionsOf(m.name) ?? NO_CONDITIONS,
    nat: m.nat,
    uploadLimit: control.uploadLimit,
    downloadLimit: control.downloadLimit,
    routingTableSize: running ? status?.dht.routingTableSize ?? 0 : 0,
    connections: running ? status?.connections.length ?? 0 : 0,
    rateIn: running ? status?.rateIn ?? 0 : 0,
    rateOut: running ? status?.rateOut ?? 0 : 0,
    startedAt: control.startedAt,
    readyAt,
    ...(control.lastError != null ? { lastError: control.lastError } : {})
  }
}
