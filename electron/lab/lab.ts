/**
 * The lab supervisor: N instances on one private DHT network, bootstrapped
 * by a topology, each with a reproducible identity, the switchboard in
 * front of them (processes mode), the observer that watches them through
 * the contract, the merged log, the timeline and the dashboard's server.
 * Every per-instance action (stop, kill, restart, partition, heal,
 * misbehave, conditions, caps) goes through here, is logged, and appears on
 * the timeline.
 */
import type { Startable } from '@libp2p/interface'
import { LAB_RELAY_NAME, type LabAction, type LabDescription, type LabFacts, type LabInstanceView, type LabMisbehaviour, type LabMode, type LabRelayDataLimit, type LabSettingsChange, type LabView } from '../../shared/lab.js'
import { LabError, UnsupportedInLabModeError } from './errors.js'
import { EngineInstance } from './in-process/engine-instance.js'
import { DaemonInstance } from './instance/daemon-instance.js'
import { freeLoopbackPort } from './instance/free-port.js'
import type { LabMember } from './instance/member.js'
import { RelayInstance, relayProfile } from './instance/relay-instance.js'
import { instanceView } from './instance-view.js'
import { instanceProfile, prepareLabFolder, writeLabDescription } from './lab-folder.js'
import { LogBook } from './log-book.js'
import { Switchboard } from './net/switchboard.js'
import { Observer } from './observer.js'
import { writeDerivedPeerKey } from './peer-keys.js'
import { LabServer } from './server/lab-server.js'
import { Steering } from './steering.js'
import { Timeline } from './timeline.js'
import { bootstrapPlan, formatTopology, type Topology } from './topology.js'

export interface LabInit {
  readonly name: string
  /** The lab's folder (created; must not hold another lab). */
  readonly folder: string
  readonly size: number
  readonly topology: Topology
  readonly seed: string
  /** Default 'processes'. */
  readonly mode?: LabMode
  /** The dashboard's port on 127.0.0.1; default 0 (any free one). */
  readonly port?: number
  /** Instances started at once; default 5. */
  readonly concurrency?: number
  /** Extra environment for every daemon (e.g. DEBUG); default none. */
  readonly env?: Readonly<Record<string, string>>
  /** Every log line as it is added (e.g. to echo it); default none. */
  readonly onLog?: (text: string) => void
  /** Called once the lab was asked to go down through its API. */
  readonly onDown?: () => void
  /** Called with the dashboard's address as soon as it serves, before the instances start. */
  readonly onDashboard?: (address: string) => void
  /**
   * Run the lab relay from the start (processes mode); it also starts once
   * an instance goes behind a NAT. Default false.
   */
  readonly relay?: boolean
  /** What one connection through the lab relay may carry; default 'none' (transfers cross it). */
  readonly relayDataLimit?: LabRelayDataLimit
}

/** A running lab. */
export class Lab implements Startable {
  readonly logBook: LogBook
  readonly #init: LabInit
  readonly #mode: LabMode
  readonly #network: string
  readonly #timeline = new Timeline()
  readonly #switchboard: Switchboard
  readonly #members: LabMember[] = []
  readonly #steering: Steering
  #relay: RelayInstance | undefined
  #relayStarting: Promise<void> | undefined
  #observer: Observer | undefined
  #server: LabServer | undefined
  #startedAt = 0
  #allReadyAt: number | null = null
  #running = false

  constructor (init: LabInit) {
    this.#init = init
    this.#mode = init.mode ?? 'processes'
    this.#network = `lab-${init.name}`
    this.logBook = new LogBook({ onLine: init.onLog == null ? undefined : line => { init.onLog!(`[${line.node}] ${line.text}`) } })
    this.#switchboard = new Switchboard({ instancePids: () => this.#instancePids() })
    this.#steering = new Steering({
      members: this.#members,
      logBook: this.logBook,
      timeline: this.#timeline,
      switchboard: this.#switchboard,
      observer: () => this.#observer,
      ensureRelay: async () => { await this.#ensureRelay() },
      described: async () => { await this.#writeDescription() }
    }, { mode: this.#mode })
  }

  get name (): string {
    return this.#init.name
  }

  get members (): readonly LabMember[] {
    return this.#members
  }

  /** The dashboard's address, signed in. */
  get dashboard (): string {
    if (this.#server == null) throw new Error('The lab is not started')
    return this.#server.dashboard
  }

  /**
   * Prepares the folder and identities, opens the proxies and the
   * dashboard, then starts the instances (a few at a time); resolves once
   * every instance's API answers. Readiness (a non-empty routing table)
   * follows; see whenReady().
   */
  async start (): Promise<void> {
    if (this.#running) return
    this.#running = true
    this.#startedAt = Date.now()
    const init = this.#init
    const secret = await prepareLabFolder(init.folder)
    this.logBook.action(`lab ${init.name}: ${init.size} instances (${this.#mode === 'in-process' ? 'in-process engines' : 'daemon processes'}), topology ${formatTopology(init.topology)}, seed ${init.seed}, network ${this.#network}`)
    if (this.#mode === 'processes') await this.#switchboard.start()
    if (init.relay === true) {
      if (this.#mode === 'in-process') throw new UnsupportedInLabModeError('the lab relay', this.#mode)
      await this.#ensureRelay()
    }

    const peerIds: string[] = []
    const ports: number[] = []
    for (let i = 0; i < init.size; i++) {
      peerIds.push(await writeDerivedPeerKey(instanceProfile(init.folder, i), init.seed, i))
      ports.push(this.#mode === 'processes' ? await this.#switchboard.addPort(`n${i}`) : await freeLoopbackPort())
    }
    const plan = bootstrapPlan(init.topology, init.size, init.seed)
    const onExit = (name: string, why: string): void => { this.#steering.onMemberExit(name, why) }
    const relay = (): ReturnType<RelayInstance['given']> => this.#relay?.given()
    for (let i = 0; i < init.size; i++) {
      const name = `n${i}`
      const common = { name, index: i, profile: instanceProfile(init.folder, i), peerId: peerIds[i], network: this.#network }
      const bootstrap = plan[i].map(j => `/ip4/127.0.0.1/tcp/${ports[j]}/p2p/${peerIds[j]}`)
      this.#members.push(this.#mode === 'processes'
        ? new DaemonInstance({ logBook: this.logBook, switchboard: this.#switchboard, onExit, relay }, { ...common, publicPort: ports[i], bootstrap, env: init.env })
        : new EngineInstance({ logBook: this.logBook }, { ...common, port: ports[i], bootstrap }))
      this.#steering.controlOf(name)
    }

    this.#observer = new Observer({ members: this.#members, timeline: this.#timeline, logBook: this.logBook, outsiders: () => this.#outsiders() })
    this.#server = new LabServer({ lab: this }, { secret, port: init.port })
    await this.#server.start()
    init.onDashboard?.(this.#server.dashboard)
    await this.#observer.start()
    await this.#writeDescription()

    // Every address is known beforehand, so instances start a few at a time in any order; bootstrap dials are retried.
    const concurrency = Math.max(1, init.concurrency ?? 5)
    let next = 0
    const failures: unknown[] = []
    await Promise.all(Array.from({ length: Math.min(concurrency, this.#members.length) }, async () => {
      // A stop() while starting ends the starting too.
      while (next < this.#members.length && this.#running) {
        const member = this.#members[next++]
        try {
          await this.#steering.startMember(member)
        } catch (err) {
          failures.push(err)
        }
      }
    }))
    await this.#writeDescription()
    if (failures.length > 0) throw failures[0]
  }

  /** Stops the observer, every instance (in parallel), the proxies and the dashboard. */
  async stop (): Promise<void> {
    if (!this.#running) return
    this.#running = false
    this.logBook.action(`lab ${this.#init.name}: stopping`)
    await this.#observer?.stop()
    await Promise.all(this.#members.map(async m => { await m.stop().catch(() => {}) }))
    this.#steering.allDown()
    await this.#relayStarting?.catch(() => {})
    await this.#relay?.stop()
    await this.#switchboard.stop()
    await this.#server?.stop()
  }

  /** Last defence when the lab's process exits abruptly: SIGKILLs every instance process still running (synchronous). */
  killRemaining (): void {
    for (const pid of this.#instancePids().keys()) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {}
    }
  }

  /** Resolves once every instance is ready (API answers, routing table not empty), or rejects after `timeoutMs`. */
  async whenReady (timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.#allReadyAt == null) {
      await this.#observer?.poll()
      this.#checkAllReady()
      if (this.#allReadyAt != null) return
      if (Date.now() > deadline) {
        const waiting = this.#members.filter(m => this.#observer?.readyAt(m.name) == null).map(m => m.name)
        throw new LabError('aborted', `Not every instance was ready within ${Math.round(timeoutMs / 1000)} s (waiting for ${waiting.join(', ')}); see the lab's log.`)
      }
      await new Promise(resolve => setTimeout(resolve, 250))
    }
  }

  /** The whole lab now. */
  view (): LabView {
    this.#checkAllReady()
    return {
      ...this.#facts(),
      now: Date.now(),
      instances: this.#members.map(m => this.instanceView(m.name)),
      relay: this.#relay?.view() ?? null,
      edges: this.#observer?.edges() ?? [],
      timeline: this.#timeline.entries()
    }
  }

  #facts (): LabFacts {
    return {
      name: this.#init.name,
      mode: this.#mode,
      folder: this.#init.folder,
      network: this.#network,
      topology: formatTopology(this.#init.topology),
      seed: this.#init.seed,
      startedAt: this.#startedAt,
      allReadyAt: this.#allReadyAt
    }
  }

  /** One instance now. */
  instanceView (name: string): LabInstanceView {
    const m = this.member(name)
    return instanceView(m, this.#steering.controlOf(name), this.#observer, this.#mode === 'processes' ? this.#switchboard : undefined)
  }

  /** The lab as `lab up --json` prints it. */
  description (): LabDescription {
    return {
      ...this.#facts(),
      dashboard: this.dashboard,
      api: this.#server!.url,
      pid: process.pid,
      instances: this.#members.map(m => ({ name: m.name, profile: m.profile, peerId: m.peerId, addrs: m.addrs, api: m.address?.api ?? null })),
      ...(this.#relay != null ? { relay: { peerId: this.#relay.peerId, profile: relayProfile(this.#init.folder), addrs: [this.#relay.addr], pid: this.#relay.pid } } : {})
    }
  }

  /** The member called `name`. */
  member (name: string): LabMember {
    return this.#steering.member(name)
  }

  /** Stops, kills, restarts, partitions or heals one instance. */
  async control (name: string, action: LabAction): Promise<LabInstanceView> {
    await this.#steering.control(name, action)
    return this.instanceView(name)
  }

  /** Restarts an instance with the test-only misbehaviour on (or off with null). */
  async misbehave (name: string, mode: LabMisbehaviour | null): Promise<LabInstanceView> {
    await this.#steering.misbehave(name, mode)
    return this.instanceView(name)
  }

  /** Changes an instance's conditions and NAT (the lab's proxy) and caps (its own settings). */
  async set (name: string, change: LabSettingsChange): Promise<LabInstanceView> {
    await this.#steering.set(name, change)
    return this.instanceView(name)
  }

  /** Asks the lab to go down (the `down` command); the host process then stops it. */
  requestDown (): void {
    this.logBook.action('lab: asked to go down')
    this.#init.onDown?.()
  }

  /** Starts the lab relay unless it runs (or is starting); instances started from now on are given it. */
  async #ensureRelay (): Promise<void> {
    if (this.#mode === 'in-process') throw new UnsupportedInLabModeError('the lab relay', this.#mode)
    if (this.#relay?.given() != null) return
    this.#relay ??= new RelayInstance({
      logBook: this.logBook,
      switchboard: this.#switchboard,
      onExit: why => { this.#timeline.action(LAB_RELAY_NAME, `went down: ${why}`) }
    }, { profile: relayProfile(this.#init.folder), seed: this.#init.seed, network: this.#network, dataLimit: this.#init.relayDataLimit ?? 'none', env: this.#init.env })
    const relay = this.#relay
    this.#relayStarting ??= relay.start().finally(() => { this.#relayStarting = undefined })
    await this.#relayStarting
    this.#timeline.action(LAB_RELAY_NAME, 'lab relay running')
    await this.#writeDescription().catch(() => {})
  }

  /** Peers shown beside the instances: the lab relay. */
  #outsiders (): Array<{ readonly peerId: string, readonly name: string, readonly live: boolean }> {
    const relay = this.#relay
    return relay == null || relay.peerId === '' ? [] : [{ peerId: relay.peerId, name: LAB_RELAY_NAME, live: relay.pid != null }]
  }

  #checkAllReady (): void {
    if (this.#allReadyAt != null || this.#observer == null || this.#members.length === 0) return
    const times = this.#members.map(m => this.#observer!.readyAt(m.name))
    if (times.every(t => t != null)) {
      this.#allReadyAt = Math.max(...(times as number[]))
      this.logBook.action(`lab ${this.#init.name}: all ${this.#members.length} instances ready, ${((this.#allReadyAt - this.#startedAt) / 1000).toFixed(1)} s after start`)
      void this.#writeDescription().catch(() => {})
    }
  }

  #instancePids (): ReadonlyMap<number, string> {
    const out = new Map<number, string>()
    for (const m of this.#members) if (m.pid != null) out.set(m.pid, m.name)
    const relayPid = this.#relay?.pid
    if (relayPid != null) out.set(relayPid, LAB_RELAY_NAME)
    return out
  }

  async #writeDescription (): Promise<void> {
    if (this.#server == null) return
    await writeLabDescription(this.#init.folder, this.description())
  }
}
