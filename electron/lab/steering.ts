/**
 * What the lab does to one instance at a person's (or a scenario's)
 * request: stop, kill -9, restart, partition and heal, misbehave, network
 * conditions, NAT, caps; and what it keeps beside each member to show it
 * (phase, last error, caps). Actions on one instance run one at a time;
 * each is logged and put on the timeline.
 */
import type { LabAction, LabMisbehaviour, LabMode, LabNat, LabSettingsChange } from '../../shared/lab.js'
import { LabError, UnknownInstanceError, UnsupportedInLabModeError } from './errors.js'
import type { LabMember } from './instance/member.js'
import type { LogBook } from './log-book.js'
import { checkConditions, formatConditions } from './net/conditions.js'
import type { Switchboard } from './net/switchboard.js'
import type { Observer } from './observer.js'
import type { Timeline } from './timeline.js'

const LAB_ACTIONS: readonly LabAction[] = ['stop', 'kill', 'restart', 'partition', 'heal']

/** Per-instance state the lab keeps beside the member itself. */
export interface Control {
  phase: 'starting' | 'running' | 'down'
  partitioned: boolean
  lastError?: string
  startedAt: number | null
  uploadLimit: number
  downloadLimit: number
  /** Serialises actions on one instance. */
  busy: Promise<unknown>
}

export interface SteeringComponents {
  readonly members: readonly LabMember[]
  readonly logBook: LogBook
  readonly timeline: Timeline
  readonly switchboard: Switchboard
  readonly observer: () => Observer | undefined
  /** Starts the lab relay if it does not run yet (an instance goes behind a NAT). */
  readonly ensureRelay: () => Promise<void>
  /** Writes lab.json again (addresses and states changed). */
  readonly described: () => Promise<void>
}

export interface SteeringInit {
  readonly mode: LabMode
}

/** Steers the lab's instances. */
export class Steering {
  readonly #c: SteeringComponents
  readonly #mode: LabMode
  readonly #controls = new Map<string, Control>()

  constructor (components: SteeringComponents, init: SteeringInit) {
    this.#c = components
    this.#mode = init.mode
  }

  /** The member called `name`. */
  member (name: string): LabMember {
    const m = this.#c.members.find(x => x.name === name)
    if (m == null) throw new UnknownInstanceError(name, this.#c.members.map(x => x.name))
    return m
  }

  /** What the lab keeps of `name` (created on first ask). */
  controlOf (name: string): Control {
    let control = this.#controls.get(name)
    if (control == null) this.#controls.set(name, control = { phase: 'starting', partitioned: false, startedAt: null, uploadLimit: 0, downloadLimit: 0, busy: Promise.resolve() })
    return control
  }

  /** Every instance is down (the lab stopped). */
  allDown (): void {
    for (const c of this.#controls.values()) c.phase = 'down'
  }

  /** Stops, kills, restarts, partitions or heals one instance. */
  async control (name: string, action: LabAction): Promise<void> {
    const m = this.member(name)
    if (!LAB_ACTIONS.includes(action)) throw new LabError('bad-request', `Unknown action "${String(action)}"; use one of ${LAB_ACTIONS.join(', ')}.`)
    if (action === 'kill' && this.#mode === 'in-process') throw new UnsupportedInLabModeError('kill -9', this.#mode)
    if ((action === 'partition' || action === 'heal') && this.#mode === 'in-process') throw new UnsupportedInLabModeError('partitions', this.#mode)
    await this.#serial(name, async () => {
      const control = this.controlOf(name)
      this.record(name, action === 'kill' ? 'kill -9' : action)
      switch (action) {
        case 'stop':
        case 'kill':
          await (action === 'kill' ? m.kill() : m.stop())
          control.phase = 'down'
          this.#c.observer()?.reset(name)
          this.#c.timeline.closeAll(name, action === 'kill' ? 'killed' : 'stopped')
          break
        case 'restart':
          await this.#restart(m, 'restarted')
          break
        case 'partition':
        case 'heal':
          control.partitioned = action === 'partition'
          this.#c.switchboard.setPartitioned(name, control.partitioned)
          break
      }
    })
  }

  /** Restarts an instance with the test-only misbehaviour on (or off with null). */
  async misbehave (name: string, mode: LabMisbehaviour | null): Promise<void> {
    const m = this.member(name)
    if (mode != null && mode !== 'corrupt' && mode !== 'stall') throw new LabError('bad-request', `Misbehaviour must be "corrupt", "stall" or none (got "${String(mode)}").`)
    await this.#serial(name, async () => {
      m.misbehave = mode
      this.record(name, mode == null ? 'behave again (restart)' : `misbehave: ${mode} (restart)`)
      await this.#restart(m, 'restarted')
    })
  }

  /** Changes an instance's conditions and NAT (the lab's proxy) and caps (its own settings). */
  async set (name: string, change: LabSettingsChange): Promise<void> {
    const m = this.member(name)
    const wantsConditions = change.latencyMs != null || change.lossPercent != null
    if (wantsConditions && this.#mode === 'in-process') throw new UnsupportedInLabModeError('latency and loss', this.#mode)
    const wantsNat = change.nat != null || change.relayOnly != null
    if (wantsNat && this.#mode === 'in-process') throw new UnsupportedInLabModeError('NAT', this.#mode)
    const wantsCaps = change.uploadLimit != null || change.downloadLimit != null
    await this.#serial(name, async () => {
      if (wantsConditions) {
        const before = this.#c.switchboard.conditionsOf(name)
        let next
        try {
          next = checkConditions({ latencyMs: change.latencyMs ?? before.latencyMs, lossPercent: change.lossPercent ?? before.lossPercent })
        } catch (err) {
          throw new LabError('bad-request', (err as Error).message)
        }
        this.#c.switchboard.setConditions(name, next)
        this.record(name, `conditions: ${formatConditions(next)}`)
      }
      if (wantsNat) await this.#setNat(m, nextNat(m.nat, change))
      if (wantsCaps) await this.#setCaps(m, change)
    })
  }

  /** Starts a member and keeps what the lab shows of it. */
  async startMember (m: LabMember): Promise<void> {
    const control = this.controlOf(m.name)
    control.lastError = undefined
    control.startedAt = Date.now()
    control.phase = 'starting'
    try {
      await m.start()
      control.phase = 'running'
    } catch (err) {
      control.phase = 'down'
      control.lastError = (err as Error).message
      this.#c.logBook.action((err as Error).message, m.name)
      throw err
    }
    const settings = await m.contract?.api.settings({}).catch(() => undefined)
    if (settings != null) {
      control.uploadLimit = settings.uploadLimit
      control.downloadLimit = settings.downloadLimit
    }
    await this.#c.described().catch(() => {})
  }

  /** A member ended without the lab asking. */
  onMemberExit (name: string, why: string): void {
    const control = this.#controls.get(name)
    if (control == null) return
    control.phase = 'down'
    control.lastError = why
    this.#c.observer()?.reset(name)
    this.#c.timeline.closeAll(name, why)
    this.#c.timeline.action(name, `went down: ${why}`)
  }

  /** Logs a lab action on `name` and puts it on the timeline. */
  record (name: string, what: string): void {
    this.#c.logBook.action(what, name)
    this.#c.timeline.action(name, what)
  }

  /**
   * Behind a NAT the proxy refuses what others open, live; the instance
   * needs the lab relay given at its start, and relay-only (no WebRTC,
   * so no hole punch) takes effect at a start too, so it restarts
   * when either changes.
   */
  async #setNat (m: LabMember, next: LabNat): Promise<void> {
    const before = m.nat
    if (next === before) return
    if (next !== 'off') await this.#c.ensureRelay()
    m.nat = next
    this.#c.switchboard.setBehindNat(m.name, next !== 'off')
    const running = this.controlOf(m.name).phase === 'running'
    const restart = running && ((before === 'relay-only') !== (next === 'relay-only') || (next !== 'off' && !m.relayGiven))
    this.record(m.name, `NAT: ${NAT_WORDS[next]}${restart ? ' (restart)' : ''}`)
    if (restart) await this.#restart(m, 'restarted')
  }

  async #setCaps (m: LabMember, change: LabSettingsChange): Promise<void> {
    const contract = m.contract
    if (contract == null) throw new LabError('bad-request', `${m.name} is down; start it before changing its caps.`)
    for (const v of [change.uploadLimit, change.downloadLimit]) {
      if (v != null && (!Number.isSafeInteger(v) || v < 0)) throw new LabError('bad-request', `Caps are whole bytes per second, 0 for none (got ${v}).`)
    }
    const settings = await contract.api.updateSettings({
      ...(change.uploadLimit != null ? { uploadLimit: change.uploadLimit } : {}),
      ...(change.downloadLimit != null ? { downloadLimit: change.downloadLimit } : {})
    })
    const control = this.controlOf(m.name)
    control.uploadLimit = settings.uploadLimit
    control.downloadLimit = settings.downloadLimit
    this.record(m.name, `caps: up ${settings.uploadLimit === 0 ? 'none' : `${settings.uploadLimit} B/s`}, down ${settings.downloadLimit === 0 ? 'none' : `${settings.downloadLimit} B/s`}`)
  }

  async #restart (m: LabMember, why: string): Promise<void> {
    await m.stop()
    this.#c.observer()?.reset(m.name)
    this.#c.timeline.closeAll(m.name, why)
    await this.startMember(m)
  }

  async #serial<T> (name: string, fn: () => Promise<T>): Promise<T> {
    const control = this.controlOf(name)
    const run = control.busy.catch(() => {}).then(fn)
    control.busy = run
    return await run
  }
}

const NAT_WORDS: Readonly<Record<LabNat, string>> = {
  off: 'off (others dial it directly)',
  on: 'on (others reach it through the lab relay, then punch a hole)',
  'relay-only': 'relay only (no hole punch gets through; its connections stay relayed)'
}

/** The NAT state after `lab set … nat=… relay-only=…`: nat=off ends relay-only too; relay-only=off leaves a NAT that can be punched. */
export function nextNat (now: LabNat, change: Pick<LabSettingsChange, 'nat' | 'relayOnly'>): LabNat {
  for (const v of [change.nat, change.relayOnly]) {
    if (v != null && typeof v !== 'boolean') throw new LabError('bad-request', `nat and relay-only are on or off (got "${String(v)}").`)
  }
  if (change.nat === false) {
    if (change.relayOnly === true) throw new LabError('bad-request', 'relay-only=on needs a NAT: it cannot go with nat=off.')
    return 'off'
  }
  if (change.relayOnly === true) return 'relay-only'
  if (change.relayOnly === false) return change.nat === true || now !== 'off' ? 'on' : 'off'
  return change.nat === true ? (now === 'relay-only' ? 'relay-only' : 'on') : now
}
