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
import type { LabAction, LabDescription, LabFacts, LabInstanceView, LabMisbehaviour, LabMode, LabSettingsChange, LabView } from '../../shared/lab.js'
import { UnknownInstanceError, UnsupportedInLabModeError, LabError } from './errors.js'
import { EngineInstance } from './in-process/engine-instance.js'
import { DaemonInstance } from './instance/daemon-instance.js'
import { freeLoopbackPort } from './instance/free-port.js'
import type { LabMember } from './instance/member.js'
import { instanceProfile, prepareLabFolder, writeLabDescription } from './lab-folder.js'
import { LogBook } from './log-book.js'
import { checkConditions, formatConditions, NO_CONDITIONS } from './net/conditions.js'
import { Switchboard } from './net/switchboard.js'
import { Observer } from './observer.js'
import { writeDerivedPeerKey } from './peer-keys.js'
import { LabServer } from './server/lab-server.js'
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
}

const LAB_ACTIONS: readonly LabAction[] = ['stop', 'kill', 'restart', 'partition', 'heal']

/** Per-instance state the lab keeps beside the member itself. */
interface Control {
  phase: 'starting' | 'running' | 'down'
  partitioned: boolean
  lastError?: string
  startedAt: number | null
  uploadLimit: number
  downloadLimit: number
  /** Serialises actions on one instance. */
  busy: Promise<unknown>
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
  readonly #controls = new Map<string, Control>()
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

    const peerIds: string[] = []
    const ports: number[] = []
    for (let i = 0; i < init.size; i++) {
      peerIds.push(await writeDerivedPeerKey(instanceProfile(init.folder, i), init.seed, i))
      ports.push(this.#mode === 'processes' ? await this.#switchboard.addPort(`n${i}`) : await freeLoopbackPort())
    }
    const plan = bootstrapPlan(init.topology, init.size, init.seed)
    const onExit = (name: string, why: string): void => { this.#onMemberExit(name, why) }
    for (let i = 0; i < init.size; i++) {
      const name = `n${i}`
      const common = { name, index: i, profile: instanceProfile(init.folder, i), peerId: peerIds[i], network: this.#network }
      const bootstrap = plan[i].map(j => `/ip4/127.0.0.1/tcp/${ports[j]}/p2p/${peerIds[j]}`)
      this.#members.push(this.#mode === 'processes'
        ? new DaemonInstance({ logBook: this.logBook, switchboard: this.#switchboard, onExit }, { ...common, publicPort: ports[i], bootstrap, env: init.env })
        : new EngineInstance({ logBook: this.logBook }, { ...common, port: ports[i], bootstrap }))
      this.#controls.set(name, { phase: 'starting', partitioned: false, startedAt: null, uploadLimit: 0, downloadLimit: 0, busy: Promise.resolve() })
    }

    this.#observer = new Observer({ members: this.#members, timeline: this.#timeline, logBook: this.logBook })
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
          await this.#startMember(member)
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
    for (const c of this.#controls.values()) c.phase = 'down'
    await this.#switchboard.stop()
    await this.#server?.stop()
  }

  /** Last defence when the lab's process exits abruptly: SIGKILLs every instance process still running (synchronous). */
  killRemaining (): void {
    for (const m of this.#members) {
      if (m.pid == null) continue
      try {
        process.kill(m.pid, 'SIGKILL')
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
    const control = this.#controls.get(name)!
    const status = this.#observer?.status(name) ?? null
    const readyAt = this.#observer?.readyAt(name) ?? null
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
      name,
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
      conditions: this.#mode === 'processes' ? this.#switchboard.conditionsOf(name) : NO_CONDITIONS,
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

  /** The lab as `lab up --json` prints it. */
  description (): LabDescription {
    return {
      ...this.#facts(),
      dashboard: this.dashboard,
      api: this.#server!.url,
      pid: process.pid,
      instances: this.#members.map(m => ({ name: m.name, profile: m.profile, peerId: m.peerId, addrs: m.addrs, api: m.address?.api ?? null }))
    }
  }

  /** The member called `name`. */
  member (name: string): LabMember {
    const m = this.#members.find(x => x.name === name)
    if (m == null) throw new UnknownInstanceError(name, this.#members.map(x => x.name))
    return m
  }

  /** Stops, kills, restarts, partitions or heals one instance. */
  async control (name: string, action: LabAction): Promise<LabInstanceView> {
    const m = this.member(name)
    if (!LAB_ACTIONS.includes(action)) throw new LabError('bad-request', `Unknown action "${String(action)}"; use one of ${LAB_ACTIONS.join(', ')}.`)
    if (action === 'kill' && this.#mode === 'in-process') throw new UnsupportedInLabModeError('kill -9', this.#mode)
    if ((action === 'partition' || action === 'heal') && this.#mode === 'in-process') throw new UnsupportedInLabModeError('partitions', this.#mode)
    await this.#serial(name, async () => {
      const control = this.#controls.get(name)!
      this.#record(name, action === 'kill' ? 'kill -9' : action)
      switch (action) {
        case 'stop':
        case 'kill':
          await (action === 'kill' ? m.kill() : m.stop())
          control.phase = 'down'
          this.#observer?.reset(name)
          this.#timeline.closeAll(name, action === 'kill' ? 'killed' : 'stopped')
          break
        case 'restart':
          await m.stop()
          this.#observer?.reset(name)
          this.#timeline.closeAll(name, 'restarted')
          await this.#startMember(m)
          break
        case 'partition':
        case 'heal':
          control.partitioned = action === 'partition'
          this.#switchboard.setPartitioned(name, control.partitioned)
          break
      }
    })
    return this.instanceView(name)
  }

  /** Restarts an instance with the test-only misbehaviour on (or off with null). */
  async misbehave (name: string, mode: LabMisbehaviour | null): Promise<LabInstanceView> {
    const m = this.member(name)
    if (mode != null && mode !== 'corrupt' && mode !== 'stall') throw new LabError('bad-request', `Misbehaviour must be "corrupt", "stall" or none (got "${String(mode)}").`)
    await this.#serial(name, async () => {
      m.misbehave = mode
      this.#record(name, mode == null ? 'behave again (restart)' : `misbehave: ${mode} (restart)`)
      await m.stop()
      this.#observer?.reset(name)
      this.#timeline.closeAll(name, 'restarted')
      await this.#startMember(m)
    })
    return this.instanceView(name)
  }

  /** Changes an instance's conditions (the lab's proxy) and caps (its own settings). */
  async set (name: string, change: LabSettingsChange): Promise<LabInstanceView> {
    const m = this.member(name)
    const wantsConditions = change.latencyMs != null || change.lossPercent != null
    if (wantsConditions && this.#mode === 'in-process') throw new UnsupportedInLabModeError('latency and loss', this.#mode)
    const wantsCaps = change.uploadLimit != null || change.downloadLimit != null
    await this.#serial(name, async () => {
      if (wantsConditions) {
        const before = this.#switchboard.conditionsOf(name)
        let next
        try {
          next = checkConditions({ latencyMs: change.latencyMs ?? before.latencyMs, lossPercent: change.lossPercent ?? before.lossPercent })
        } catch (err) {
          throw new LabError('bad-request', (err as Error).message)
        }
        this.#switchboard.setConditions(name, next)
        this.#record(name, `conditions: ${formatConditions(next)}`)
      }
      if (wantsCaps) {
        const contract = m.contract
        if (contract == null) throw new LabError('bad-request', `${name} is down; start it before changing its caps.`)
        for (const v of [change.uploadLimit, change.downloadLimit]) {
          if (v != null && (!Number.isSafeInteger(v) || v < 0)) throw new LabError('bad-request', `Caps are whole bytes per second, 0 for none (got ${v}).`)
        }
        const settings = await contract.api.updateSettings({
          ...(change.uploadLimit != null ? { uploadLimit: change.uploadLimit } : {}),
          ...(change.downloadLimit != null ? { downloadLimit: change.downloadLimit } : {})
        })
        const control = this.#controls.get(name)!
        control.uploadLimit = settings.uploadLimit
        control.downloadLimit = settings.downloadLimit
        this.#record(name, `caps: up ${settings.uploadLimit === 0 ? 'none' : `${settings.uploadLimit} B/s`}, down ${settings.downloadLimit === 0 ? 'none' : `${settings.downloadLimit} B/s`}`)
      }
    })
    return this.instanceView(name)
  }

  /** Asks the lab to go down (the `down` command); the host process then stops it. */
  requestDown (): void {
    this.logBook.action('lab: asked to go down')
    this.#init.onDown?.()
  }

  async #startMember (m: LabMember): Promise<void> {
    const control = this.#controls.get(m.name)!
    control.lastError = undefined
    control.startedAt = Date.now()
    control.phase = 'starting'
    try {
      await m.start()
      control.phase = 'running'
    } catch (err) {
      control.phase = 'down'
      control.lastError = (err as Error).message
      this.logBook.action((err as Error).message, m.name)
      throw err
    }
    const settings = await m.contract?.api.settings({}).catch(() => undefined)
    if (settings != null) {
      control.uploadLimit = settings.uploadLimit
      control.downloadLimit = settings.downloadLimit
    }
    await this.#writeDescription().catch(() => {})
  }

  #onMemberExit (name: string, why: string): void {
    const control = this.#controls.get(name)
    if (control == null) return
    control.phase = 'down'
    control.lastError = why
    this.#observer?.reset(name)
    this.#timeline.closeAll(name, why)
    this.#timeline.action(name, `went down: ${why}`)
  }

  #record (name: string, what: string): void {
    this.logBook.action(what, name)
    this.#timeline.action(name, what)
  }

  async #serial<T> (name: string, fn: () => Promise<T>): Promise<T> {
    const control = this.#controls.get(name)!
    const run = control.busy.catch(() => {}).then(fn)
    control.busy = run
    return await run
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
    return out
  }

  async #writeDescription (): Promise<void> {
    if (this.#server == null) return
    await writeLabDescription(this.#init.folder, this.description())
  }
}
