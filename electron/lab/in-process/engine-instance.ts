/**
 * A lab instance that is an engine inside the lab's own process, for swarms
 * of a hundred and more that would not fit as processes. It is built with
 * the engine's face (`createEngine`) on loopback TCP, mDNS off, on the lab's
 * network, and gets its own loopback API server so its UI opens from the
 * dashboard like a daemon's. The lab still talks to it only through the
 * contract (`engine.api`, `engine.subscribe`). What needs a process of its
 * own is not available here: kill -9, and the proxy's partitions and
 * conditions (engines in one process cannot be told apart on the wire).
 */
import { join } from 'node:path'
import { createEngine, type Engine } from '../../core/index.js'
import { ApiServer, builtUiDir, loadOrCreateSecret, uiUrl } from '../../host/index.js'
import type { LabMisbehaviour } from '../../../shared/lab.js'
import type { LogBook } from '../log-book.js'
import type { InstanceAddress, InstanceContract, LabMember } from '../instance/member.js'

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
export class EngineInstance implements LabMember {
  readonly name: string
  readonly index: number
  readonly profile: string
  readonly peerId: string
  misbehave: LabMisbehaviour | null = null
  readonly pid = null
  readonly #c: EngineInstanceComponents
  readonly #init: EngineInstanceInit
  #engine: Engine | undefined
  #server: ApiServer | undefined
  #address: InstanceAddress | null = null

  constructor (components: EngineInstanceComponents, init: EngineInstanceInit) {
    this.#c = components
    this.#init = init
    this.name = init.name
    this.index = init.index
    this.profile = init.profile
    this.peerId = init.peerId
  }

  get addrs (): readonly string[] {
    return [`/ip4/127.0.0.1/tcp/${this.#init.port}/p2p/${this.peerId}`]
  }

  get contract (): InstanceContract | null {
    const engine = this.#engine
    if (engine == null || this.#address == null) return null
    return { api: engine.api, subscribe: async listener => engine.subscribe(listener) }
  }

  get address (): InstanceAddress | null {
    return this.#address
  }

  async start (): Promise<void> {
    if (this.#engine != null) return
    this.#c.logBook.action(`starting in-process engine${this.misbehave != null ? ` (misbehaving: ${this.misbehave})` : ''}`, this.name)
    const engine = createEngine({
      profileDir: this.profile,
      listen: [`/ip4/127.0.0.1/tcp/${this.#init.port}`],
      mdns: false,
      network: this.#init.network,
      downloadDir: join(this.profile, 'downloads'),
      bootstrap: [...this.#init.bootstrap],
      ...(this.misbehave != null ? { misbehave: this.misbehave } : {})
    })
    const secret = await loadOrCreateSecret(this.profile)
    const staticDir = builtUiDir()
    const server = new ApiServer({ engine }, { secret, staticDir })
    try {
      await engine.start()
      await server.start()
    } catch (err) {
      await server.stop().catch(() => {})
      await engine.stop().catch(() => {})
      throw err
    }
    if (engine.peerId !== this.peerId) this.#c.logBook.action(`runs as ${engine.peerId}, not the derived ${this.peerId}`, this.name)
    this.#engine = engine
    this.#server = server
    this.#address = { pid: null, api: server.url, ui: staticDir != null ? uiUrl(server.url, secret) : null }
  }

  async stop (): Promise<void> {
    const engine = this.#engine
    if (engine == null) return
    this.#address = null
    this.#engine = undefined
    await this.#server?.stop().catch(() => {})
    this.#server = undefined
    await engine.stop()
    this.#c.logBook.action('stopped', this.name)
  }

  async kill (): Promise<void> {
    await this.stop()
  }
}
