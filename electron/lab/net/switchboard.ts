/**
 * The lab's network without root: one TCP proxy per instance, on the port
 * the instance announces. The instance itself listens on a private loopback
 * port that only its proxy dials, so every connection between instances
 * passes through exactly one proxy, the callee's. The switchboard knows the
 * callee (whose proxy it is) and finds the caller (socket-owner.ts), so it
 * can apply each side's conditions to what that side sends, refuse and cut
 * connections of a partitioned instance, refuse dials to one that is down,
 * and play a home router in front of one behind a NAT: every connection
 * another opens to it is refused, except the lab relay's.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { Startable } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import { LAB_RELAY_NAME, type LinkConditions } from '../../../shared/lab.js'
import { NO_CONDITIONS } from './conditions.js'
import { ShapedPipe } from './shaped-pipe.js'
import { findSocketOwner } from './socket-owner.js'

const log = logger('peershare:lab:net')

/** How long finding a caller may take before the connection goes on as from "outside the lab", ms. */
const ATTRIBUTION_TIMEOUT = 1_000
/** Deadline for reaching an instance's private port, ms. */
const UPSTREAM_TIMEOUT = 5_000

export interface SwitchboardComponents {
  /** The process ids of the running instances, by name, to find who dialed. */
  readonly instancePids: () => ReadonlyMap<number, string>
}

/** One proxied connection. */
interface Link {
  /** The caller's instance name, or undefined when it is not one of the lab's. */
  readonly from: string | undefined
  readonly to: string
  readonly sockets: readonly Socket[]
  readonly pipes: ShapedPipe[]
}

/** One instance's side of the switchboard. */
interface Port {
  readonly name: string
  readonly server: Server
  publicPort: number
  upstream: number | null
  partitioned: boolean
  /** Behind a NAT: only the lab relay may open connections to it. */
  behindNat: boolean
  conditions: LinkConditions
}

/** The proxies of a lab. */
export class Switchboard implements Startable {
  readonly #components: SwitchboardComponents
  readonly #ports = new Map<string, Port>()
  readonly #links = new Set<Link>()
  #started = false

  constructor (components: SwitchboardComponents) {
    this.#components = components
  }

  async start (): Promise<void> {
    this.#started = true
  }

  /** Closes every proxy and cuts every connection. */
  async stop (): Promise<void> {
    this.#started = false
    for (const link of this.#links) this.#cut(link)
    await Promise.all([...this.#ports.values()].map(async p => await new Promise<void>(resolve => { p.server.close(() => { resolve() }) })))
    this.#ports.clear()
  }

  /** Opens the proxy for `name` on 127.0.0.1 (port 0: any free one); returns its port, the one the instance announces. */
  async addPort (name: string, port = 0): Promise<number> {
    if (!this.#started) throw new Error('The switchboard is not started')
    const existing = this.#ports.get(name)
    if (existing != null) return existing.publicPort
    const server = createServer({ pauseOnConnect: true }, socket => { void this.#accept(name, socket) })
    const entry: Port = { name, server, publicPort: 0, upstream: null, partitioned: false, behindNat: false, conditions: NO_CONDITIONS }
    this.#ports.set(name, entry)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    const address = server.address()
    entry.publicPort = typeof address === 'object' && address != null ? address.port : 0
    return entry.publicPort
  }

  /** Where `name`'s proxy forwards to: its private port, or null while it is down (dials are then refused). */
  setUpstream (name: string, port: number | null): void {
    this.#port(name).upstream = port
  }

  /** Isolates `name` from every other instance (cutting what is open), or heals it. */
  setPartitioned (name: string, partitioned: boolean): void {
    this.#port(name).partitioned = partitioned
    if (partitioned) for (const link of this.#links) if (link.from === name || link.to === name) this.#cut(link)
  }

  /**
   * Puts `name` behind a NAT (or takes it out): new connections from others
   * are refused, except the lab relay's. Those others opened before end, as
   * when a router comes in front of a machine; those it opened stay.
   */
  setBehindNat (name: string, behind: boolean): void {
    this.#port(name).behindNat = behind
    if (behind) for (const link of this.#links) if (link.to === name && link.from !== LAB_RELAY_NAME) this.#cut(link)
  }

  /** Conditions on what `name` sends; they apply to open connections at once. */
  setConditions (name: string, conditions: LinkConditions): void {
    this.#port(name).conditions = conditions
  }

  conditionsOf (name: string): LinkConditions {
    return this.#port(name).conditions
  }

  /** Open connections: caller (when known) and callee. */
  links (): Array<{ from: string | undefined, to: string }> {
    return [...this.#links].map(l => ({ from: l.from, to: l.to }))
  }

  #port (name: string): Port {
    const port = this.#ports.get(name)
    if (port == null) throw new Error(`No proxy for instance ${name}`)
    return port
  }

  async #accept (to: string, down: Socket): Promise<void> {
    down.on('error', () => {})
    const target = this.#ports.get(to)
    if (target == null || target.upstream == null || target.partitioned || !this.#started) {
      down.destroy()
      return
    }
    const from = await this.#caller(down, target.publicPort)
    if (from != null && this.#ports.get(from)?.partitioned === true) {
      log('refused %s → %s: %s is partitioned', from, to, from)
      down.destroy()
      return
    }
    // A home router drops what nobody inside asked for: the relay carries what others send.
    if (target.behindNat && from !== LAB_RELAY_NAME) {
      log('refused %s → %s: %s is behind a NAT', from ?? 'outside the lab', to, to)
      down.destroy()
      return
    }
    const upstreamPort = target.upstream
    if (upstreamPort == null || down.destroyed) {
      down.destroy()
      return
    }
    const up = connect({ host: '127.0.0.1', port: upstreamPort, timeout: UPSTREAM_TIMEOUT })
    up.on('error', () => {})
    const link: Link = { from, to, sockets: [down, up], pipes: [] }
    this.#links.add(link)
    const close = (): void => { this.#cut(link) }
    up.once('timeout', close)
    for (const s of link.sockets) s.once('close', close)
    up.once('connect', () => {
      up.setTimeout(0)
      up.setNoDelay(true)
      down.setNoDelay(true)
      const fromConditions = (): LinkConditions => from == null ? NO_CONDITIONS : this.#ports.get(from)?.conditions ?? NO_CONDITIONS
      link.pipes.push(
        new ShapedPipe({ from: down, to: up, conditions: fromConditions }),
        new ShapedPipe({ from: up, to: down, conditions: () => this.#ports.get(to)?.conditions ?? NO_CONDITIONS })
      )
      down.resume()
    })
  }

  /** The instance that dialed, found by its socket's owner. */
  async #caller (down: Socket, publicPort: number): Promise<string | undefined> {
    const pids = this.#components.instancePids()
    if (down.remotePort == null || pids.size === 0) return undefined
    const pid = await Promise.race([
      findSocketOwner(down.remotePort, publicPort, [...pids.keys()]).catch(() => undefined),
      new Promise<undefined>(resolve => setTimeout(() => { resolve(undefined) }, ATTRIBUTION_TIMEOUT).unref())
    ])
    return pid == null ? undefined : pids.get(pid)
  }

  #cut (link: Link): void {
    if (!this.#links.delete(link)) return
    for (const p of link.pipes) p.close()
    for (const s of link.sockets) s.destroy()
  }
}
