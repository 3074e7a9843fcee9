/**
 * The lab relay: one `peershare relay` process (the same relay, DHT
 * bootstrap, AutoNAT and STUN node a group puts on a server) on loopback,
 * behind its own port of the switchboard like every instance, so a
 * partition keeps a partitioned instance from it too and the proxies know
 * its connections as the relay's. Its peer key is derived from the lab's
 * seed; its STUN server listens on a free loopback UDP port. With its data
 * limit lifted ('none') transfers cross it; with the default one (128 KiB
 * and 2 minutes per connection, as public relays) only what sets up a
 * direct path does.
 */
import { join } from 'node:path'
import { NODE_FLAGS } from '../../cli/node-flags.js'
import { LAB_RELAY_NAME, type LabRelayDataLimit, type LabRelayView } from '../../../shared/lab.js'
import { InstanceStartError } from '../errors.js'
import type { LogBook } from '../log-book.js'
import type { Switchboard } from '../net/switchboard.js'
import { writeDerivedPeerKey } from '../peer-keys.js'
import { CLI_MAIN } from './daemon-instance.js'
import { freeLoopbackPort } from './free-port.js'
import { LabChild } from './lab-child.js'

/** The key index the relay's peer key is derived from (instances use 0, 1, …). */
const RELAY_KEY_INDEX = -1

export interface RelayInstanceComponents {
  readonly logBook: LogBook
  readonly switchboard: Switchboard
  /** Told when it ends without the lab asking. */
  readonly onExit: (why: string) => void
}

export interface RelayInstanceInit {
  /** Its profile folder (its peer key). */
  readonly profile: string
  readonly seed: string
  readonly network: string
  readonly dataLimit: LabRelayDataLimit
  /** Extra environment (DEBUG, …); default none. */
  readonly env?: Readonly<Record<string, string>>
}

/** The lab relay process. */
export class RelayInstance {
  readonly #c: RelayInstanceComponents
  readonly #init: RelayInstanceInit
  readonly #child: LabChild
  #peerId = ''
  #publicPort = 0
  #stun: string | null = null
  #phase: LabRelayView['state'] = 'down'
  #lastError: string | undefined

  constructor (components: RelayInstanceComponents, init: RelayInstanceInit) {
    this.#c = components
    this.#init = init
    this.#child = new LabChild({
      logBook: components.logBook,
      onExited: (why, asked) => {
        this.#phase = 'down'
        this.#stun = null
        this.#c.switchboard.setUpstream(LAB_RELAY_NAME, null)
        if (!asked) {
          this.#lastError = why
          this.#c.onExit(why)
        }
      }
    }, { name: LAB_RELAY_NAME, startTimeoutMs: 60_000 })
  }

  get pid (): number | null {
    return this.#child.pid
  }

  /** The address instances are given as their relay, once it was prepared. */
  get addr (): string {
    return `/ip4/127.0.0.1/tcp/${this.#publicPort}/p2p/${this.#peerId}`
  }

  /** What instances are given (`--relay`, `--stun`) while it runs. */
  given (): { readonly addr: string, readonly stun: string } | undefined {
    return this.#phase === 'ready' && this.#stun != null ? { addr: this.addr, stun: this.#stun } : undefined
  }

  get peerId (): string {
    return this.#peerId
  }

  view (): LabRelayView {
    return {
      name: LAB_RELAY_NAME,
      state: this.#phase,
      peerId: this.#peerId,
      addrs: this.#peerId === '' ? [] : [this.addr],
      stun: this.#stun,
      pid: this.pid,
      dataLimit: this.#init.dataLimit,
      ...(this.#lastError != null ? { lastError: this.#lastError } : {})
    }
  }

  /** Starts it (its key and proxy port first); resolves once it said where it is. */
  async start (): Promise<void> {
    if (this.#child.running) return
    const init = this.#init
    this.#peerId = await writeDerivedPeerKey(init.profile, init.seed, RELAY_KEY_INDEX)
    this.#publicPort = await this.#c.switchboard.addPort(LAB_RELAY_NAME)
    this.#phase = 'starting'
    this.#lastError = undefined
    const privatePort = await freeLoopbackPort()
    const args = [
      ...NODE_FLAGS, CLI_MAIN, 'relay',
      '--profile', init.profile,
      '--listen', `/ip4/127.0.0.1/tcp/${privatePort}`,
      '--announce', `/ip4/127.0.0.1/tcp/${this.#publicPort}`,
      '--stun-listen', '127.0.0.1:0',
      '--network', init.network,
      ...(init.dataLimit === 'none' ? ['--data-limit', 'none'] : []),
      '--json'
    ]
    this.#c.logBook.action(`starting the lab relay (data limit: ${init.dataLimit === 'none' ? 'none' : '128 KiB and 2 minutes per connection'})`, LAB_RELAY_NAME)
    try {
      this.#stun = await this.#child.start(args, { ...process.env, ...init.env }, first => {
        const info = first as { peerId?: unknown, stun?: unknown }
        if (info.peerId !== this.#peerId) throw new InstanceStartError(LAB_RELAY_NAME, `it runs as ${String(info.peerId)}, not as ${this.#peerId}`)
        const stun = Array.isArray(info.stun) ? info.stun.find((s): s is string => typeof s === 'string') : undefined
        if (stun == null) throw new InstanceStartError(LAB_RELAY_NAME, 'it runs no STUN server')
        return stun
      })
    } catch (err) {
      this.#phase = 'down'
      this.#lastError = (err as Error).message
      throw err
    }
    this.#c.switchboard.setUpstream(LAB_RELAY_NAME, privatePort)
    this.#phase = 'ready'
  }

  async stop (): Promise<void> {
    this.#c.switchboard.setUpstream(LAB_RELAY_NAME, null)
    await this.#child.stop()
  }
}

/** The lab relay's profile folder inside the lab's folder. */
export function relayProfile (folder: string): string {
  return join(folder, LAB_RELAY_NAME)
}
