/**
 * A lab instance that is a real `peershare daemon` process with its own
 * profile: started with a private loopback listen port (which only the
 * lab's proxy dials), the proxy's port as its announced address, mDNS off,
 * the lab's DHT network and the topology's bootstrap peers. Its stdout and
 * stderr go to the lab's merged log; the lab reaches it only through its
 * loopback API, like any other client.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { connectApi, readSecret, type ApiClient } from '../../host/index.js'
import { NODE_FLAGS } from '../../cli/node-flags.js'
import { InstanceStartError } from '../errors.js'
import type { LogBook } from '../log-book.js'
import type { Switchboard } from '../net/switchboard.js'
import { freeLoopbackPort } from './free-port.js'
import { LabChild } from './lab-child.js'
import { MemberIdentity, type InstanceAddress, type InstanceContract, type LabMember, type OnMemberExit } from './member.js'

/** The compiled CLI, seen from dist/electron/lab/instance/. */
export const CLI_MAIN = fileURLToPath(new URL('../../cli/main.js', import.meta.url))

export interface DaemonInstanceComponents {
  readonly logBook: LogBook
  readonly switchboard: Switchboard
  readonly onExit: OnMemberExit
  /** The lab relay's address and STUN server when one runs, asked at each start; default none. */
  readonly relay?: () => { readonly addr: string, readonly stun: string } | undefined
}

export interface DaemonInstanceInit {
  readonly name: string
  readonly index: number
  readonly profile: string
  readonly peerId: string
  readonly network: string
  /** The proxy's port, announced as this instance's address. */
  readonly publicPort: number
  /** Bootstrap addresses (other instances' proxies, with /p2p/). */
  readonly bootstrap: readonly string[]
  /** Extra environment for the daemon (DEBUG, …); default none. */
  readonly env?: Readonly<Record<string, string>>
  /** Deadline for the daemon to say where its API is, ms; default 90 s (20 daemons starting at once on two cores). */
  readonly startTimeoutMs?: number
}

/** One daemon process of the lab. */
export class DaemonInstance extends MemberIdentity implements LabMember {
  readonly #c: DaemonInstanceComponents
  readonly #init: DaemonInstanceInit
  readonly #child: LabChild
  #client: ApiClient | undefined
  #address: InstanceAddress | null = null
  #relayGiven = false

  constructor (components: DaemonInstanceComponents, init: DaemonInstanceInit) {
    super(init, init.publicPort)
    this.#c = components
    this.#init = init
    this.#child = new LabChild({ logBook: components.logBook, onExited: (why, asked) => { this.#onExited(why, asked) } }, { name: init.name, startTimeoutMs: init.startTimeoutMs ?? 90_000 })
  }

  get contract (): InstanceContract | null {
    const client = this.#client
    if (client == null) return null
    return { api: client, subscribe: async (listener, onClose) => await client.subscribe(listener, { onClose }) }
  }

  get address (): InstanceAddress | null {
    return this.#address
  }

  /** The running process's id, for the switchboard's caller lookup. */
  get pid (): number | null {
    return this.#child.pid
  }

  /** Whether it runs with the lab relay given as its relay. */
  get relayGiven (): boolean {
    return this.#relayGiven
  }

  async start (): Promise<void> {
    if (this.#child.running) return
    const init = this.#init
    const privatePort = await freeLoopbackPort()
    const relay = this.#c.relay?.()
    const args = [
      ...NODE_FLAGS, CLI_MAIN, 'daemon',
      '--profile', init.profile,
      '--listen', `/ip4/127.0.0.1/tcp/${privatePort}`,
      '--announce', `/ip4/127.0.0.1/tcp/${init.publicPort}`,
      '--no-mdns',
      '--network', init.network,
      // Downloads stay inside the lab's folder unless a person picks another folder.
      '--download-dir', join(init.profile, 'downloads'),
      ...init.bootstrap.flatMap(addr => ['--bootstrap', addr]),
      ...(relay != null ? ['--relay', relay.addr, '--stun', relay.stun] : []),
      '--json'
    ]
    const env = {
      ...process.env,
      ...init.env,
      PEERSHARE_TEST_MISBEHAVE: this.misbehave ?? '',
      // Behind a NAT that maps every flow anew no hole punch gets through (EngineInit.holePunch).
      PEERSHARE_TEST_NAT: this.nat === 'relay-only' ? 'per-flow' : ''
    }
    const conditions = [this.misbehave != null ? `misbehaving: ${this.misbehave}` : '', this.nat !== 'off' ? `NAT: ${this.nat}` : ''].filter(c => c !== '')
    this.#c.logBook.action(`starting${conditions.length > 0 ? ` (${conditions.join(', ')})` : ''}`, this.name)
    const info = await this.#child.start(args, env, first => {
      const info = first as { peerId?: unknown, api?: unknown, ui?: unknown }
      if (typeof info.peerId !== 'string' || typeof info.api !== 'string') throw new InstanceStartError(this.name, 'its first line is not the daemon\'s JSON (no peerId or api)')
      if (info.peerId !== this.peerId) throw new InstanceStartError(this.name, `it runs as ${info.peerId}, not as ${this.peerId}: its profile's peer key was changed`)
      return { api: info.api, ui: typeof info.ui === 'string' ? info.ui : undefined }
    })
    try {
      const secret = await readSecret(init.profile)
      if (secret == null) throw new InstanceStartError(this.name, `its profile ${init.profile} has no API secret`)
      this.#client = connectApi({ url: info.api, secret })
    } catch (err) {
      await this.#child.kill()
      throw err
    }
    this.#relayGiven = relay != null
    this.#address = { pid: this.#child.pid, api: info.api, ui: info.ui ?? null }
    this.#c.switchboard.setUpstream(this.name, privatePort)
  }

  async stop (): Promise<void> {
    this.#closing()
    await this.#child.stop()
  }

  async kill (): Promise<void> {
    this.#closing()
    await this.#child.kill()
  }

  /** Stops dials to it and its client before it is signalled. */
  #closing (): void {
    if (!this.#child.running) return
    this.#c.switchboard.setUpstream(this.name, null)
    this.#client?.close()
  }

  #onExited (why: string, asked: boolean): void {
    this.#client?.close()
    this.#client = undefined
    this.#address = null
    this.#relayGiven = false
    this.#c.switchboard.setUpstream(this.name, null)
    if (!asked) this.#c.onExit(this.name, why)
  }
}
