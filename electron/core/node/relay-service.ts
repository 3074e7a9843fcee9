/**
 * The relay a PeerShare node offers to others, as a libp2p service that can
 * be switched on and off while the node runs. A node behind a NAT must not
 * offer one (nobody could use it), and whether a node is publicly reachable
 * is known only once AutoNAT has confirmed an address; so the engine offers
 * it when that happens and withdraws it if the node stops being reachable.
 * A dedicated relay (`peershare relay`) offers it from the start.
 */
import { circuitRelayServer, type CircuitRelayServerComponents, type CircuitRelayServerInit, type CircuitRelayService } from '@libp2p/circuit-relay-v2'
import type { Startable } from '@libp2p/interface'

export interface RelayServiceInit {
  /** The circuit relay server's settings (reach-settings.ts `relayServerInit`). */
  server: CircuitRelayServerInit
  /** Offer it from the start; default false (the engine offers it once the node is publicly reachable). */
  offered?: boolean
}

/** A relay that can be offered and withdrawn while the node runs. */
export interface RelayService extends Startable {
  /** Whether the relay is offered now. */
  readonly offered: boolean
  /** Offers or withdraws the relay; peers learn it through identify. Reservations end when it is withdrawn. */
  offer(on: boolean): Promise<void>
  /** Reservations held by peers now. */
  reservationCount(): number
}

class SwitchableRelay implements RelayService {
  private readonly server: CircuitRelayService & Startable & { isStarted(): boolean }
  private wanted: boolean
  private running = false
  private switching: Promise<void> = Promise.resolve()

  constructor (components: CircuitRelayServerComponents, init: RelayServiceInit) {
    this.server = circuitRelayServer(init.server)(components) as CircuitRelayService & Startable & { isStarted(): boolean }
    this.wanted = init.offered ?? false
  }

  readonly [Symbol.toStringTag] = '@peershare/relay-service'

  get offered (): boolean {
    return this.wanted && this.running
  }

  async start (): Promise<void> {
    this.running = true
    if (this.wanted) await this.server.start()
  }

  async stop (): Promise<void> {
    this.running = false
    await this.switching
    if (this.server.isStarted()) await this.server.stop()
  }

  async offer (on: boolean): Promise<void> {
    this.wanted = on
    // One switch at a time, so a quick on-off-on ends in the last state asked for.
    this.switching = this.switching.then(async () => {
      if (!this.running) return
      const started = this.server.isStarted()
      if (this.wanted && !started) await this.server.start()
      if (!this.wanted && started) await this.server.stop()
    })
    await this.switching
  }

  reservationCount (): number {
    return this.offered ? this.server.reservations.size : 0
  }
}

/** The relay service factory for libp2p's `services`. */
export function relayService (init: RelayServiceInit): (components: CircuitRelayServerComponents) => RelayService {
  return components => new SwitchableRelay(components, init)
}
