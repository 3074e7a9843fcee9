/**
 * A lab instance that is an engine inside the lab's own process, for swarms
 * of a hundred and more that would not fit as processes. It runs as the
 * headless host's daemon does (`runDaemon`: the engine from its face, its
 * loopback API, its UI, its daemon file, so `peershare … --profile` works on
 * it), on loopback TCP, mDNS off, on the lab's network; the lab still talks
 * to it only through the contract. What needs a process of its own is not
 * available here: kill -9, and the proxy's partitions and conditions
 * (engines in one process cannot be told apart on the wire).
 */
import { join } from 'node:path'
import { builtUiDir, misbehavingSources, runDaemon, type RunningDaemon } from '../../host/index.js'
import type { LogBook } from '../log-book.js'
import { MemberIdentity, type InstanceAddress, type InstanceContract, type LabMember } from '../instance/member.js'

export interface EngineInstanceComponents {
  readonly logBook: LogBook
}

export interface EngineInstanceInit {
  readonly name: string
  readonly index: number
  readonly profile: string
  readonly peerId: string
  readonly network: string
  /** Its loopback TCP port, picked by the lab so that every address is known before anything starts. */
  readonly port: number
  /** Bootstrap addresses (with /p2p/). */
  readonly bootstrap: readonly string[]
}

/** One engine of an in-process lab. */
export class EngineInstance extends MemberIdentity implements LabMember {
  readonly pid = null
  readonly relayGiven = false
  readonly #c: EngineInstanceComponents
  readonly #init: EngineInstanceInit
  #daemon: RunningDaemon | undefined

  constructor (components: EngineInstanceComponents, init: EngineInstanceInit) {
    super(init, init.port)
    this.#c = components
    this.#init = init
  }

  get contract (): InstanceContract | null {
    const engine = this.#daemon?.engine
    if (engine == null) return null
    return { api: engine.api, subscribe: async listener => engine.subscribe(listener) }
  }

  get address (): InstanceAddress | null {
    const d = this.#daemon
    return d == null ? null : { pid: null, api: d.info.api, ui: d.uiUrl }
  }

  async start (): Promise<void> {
    if (this.#daemon != null) return
    this.#c.logBook.action(`starting in-process engine${this.misbehave != null ? ` (misbehaving: ${this.misbehave})` : ''}`, this.name)
    const daemon = await runDaemon({
      engine: {
        profileDir: this.profile,
        listen: [`/ip4/127.0.0.1/tcp/${this.#init.port}`],
        mdns: false,
        network: this.#init.network,
        downloadDir: join(this.profile, 'downloads'),
        bootstrap: [...this.#init.bootstrap],
        ...(this.misbehave != null ? { chunkSourceDecorator: misbehavingSources(this.misbehave) } : {})
      },
      staticDir: builtUiDir(),
      // The lab handles signals, and stops its engines in order.
      handleSignals: false
    })
    if (daemon.info.peerId !== this.peerId) this.#c.logBook.action(`runs as ${daemon.info.peerId}, not the derived ${this.peerId}`, this.name)
    this.#daemon = daemon
  }

  async stop (): Promise<void> {
    const daemon = this.#daemon
    if (daemon == null) return
    this.#daemon = undefined
    await daemon.stop()
    this.#c.logBook.action('stopped', this.name)
  }

  async kill (): Promise<void> {
    await this.stop()
  }
}
