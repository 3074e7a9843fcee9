/**
 * The PeerShare engine: one libp2p node per profile, the library of shares,
 * the protocol server, DHT announcements and the downloads, behind the
 * command surface of shared/api.ts. Pure Node; every host uses it as is.
 * While running it holds one set of parts (parts.ts); stopped, it holds
 * none, and the contract says so.
 */
import { log } from '../logger.js'
import { bindApi } from './api.js'
import { EventHub } from './event-hub.js'
import { startParts, type EngineParts } from './parts.js'
import type { PeerShareApi, PeerShareEvent } from '../../../shared/index.js'
import type { Engine, EngineInit } from '../types.js'

const logger = log('engine')

class PeerShareEngine implements Engine {
  readonly api: PeerShareApi
  private readonly init: EngineInit
  private readonly events = new EventHub()
  /** Present exactly while the engine runs. */
  private parts?: EngineParts
  private starting?: Promise<EngineParts>

  constructor (init: EngineInit) {
    this.init = init
    this.api = bindApi(() => this.parts, init.reveal)
  }

  get peerId (): string {
    return this.parts?.node.peerId.toString() ?? ''
  }

  listenAddrs (): string[] {
    return this.parts?.node.getMultiaddrs().map(ma => ma.toString()) ?? []
  }

  subscribe (listener: (event: PeerShareEvent) => void): () => void {
    return this.events.subscribe(listener)
  }

  async start (): Promise<void> {
    if (this.parts != null) return
    // A second start() while the first is under way waits for it instead of building a second node.
    this.starting ??= startParts(this.init, this.events).finally(() => { this.starting = undefined })
    const parts = await this.starting
    this.parts = parts
    logger('started %s on %s (network %s)', this.peerId, this.listenAddrs().join(', '), parts.network)
  }

  async stop (): Promise<void> {
    const parts = this.parts
    if (parts == null) return
    this.parts = undefined
    await parts.stop()
    logger('stopped')
  }
}

/** Builds an engine for a profile. */
export function createEngine (init: EngineInit): Engine {
  return new PeerShareEngine(init)
}
