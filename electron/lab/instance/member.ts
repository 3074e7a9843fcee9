/**
 * What the lab needs from one of its instances, whichever way it runs (a
 * daemon process, or an engine inside the lab's process): start, stop,
 * where to reach it, and the contract to talk to it. The lab itself never
 * looks further in.
 */
import type { PeerShareApi, PeerShareEvent } from '../../../shared/index.js'
import type { LabMisbehaviour, LabNat } from '../../../shared/lab.js'

/** How the lab talks to a running instance: the ordinary contract and its events. */
export interface InstanceContract {
  readonly api: PeerShareApi
  /** Streams the instance's events; `onClose` when the stream ends on its own. */
  subscribe(listener: (event: PeerShareEvent) => void, onClose: (error?: Error) => void): Promise<() => void>
}

/** Where a running instance can be reached. */
export interface InstanceAddress {
  readonly pid: number | null
  readonly api: string
  readonly ui: string | null
}

/** One instance of a lab. */
export interface LabMember {
  readonly name: string
  readonly index: number
  readonly profile: string
  readonly peerId: string
  /** The addresses others dial, with /p2p/. */
  readonly addrs: readonly string[]
  /** The misbehaviour it was (or will be) started with. */
  misbehave: LabMisbehaviour | null
  /** The NAT it sits behind; relay-only takes effect at its next start. */
  nat: LabNat
  /** Whether it runs with the lab relay given as its relay (processes mode). */
  readonly relayGiven: boolean
  /** Set while it runs. */
  readonly contract: InstanceContract | null
  readonly address: InstanceAddress | null
  /** The id of its own process while it runs, if it has one. */
  readonly pid: number | null
  /** Starts it; resolves once its API answers. Calls `onExit` if it later ends without being asked to. */
  start(): Promise<void>
  /** Stops it cleanly; safe when not running. */
  stop(): Promise<void>
  /** Ends it at once (SIGKILL), where the mode allows. */
  kill(): Promise<void>
}

/** Told when an instance ends without the lab asking. */
export type OnMemberExit = (name: string, why: string) => void

/** What every instance is, whichever way it runs: its name, index, profile, PeerId and the address others dial. */
export abstract class MemberIdentity {
  readonly name: string
  readonly index: number
  readonly profile: string
  readonly peerId: string
  readonly addrs: readonly string[]
  misbehave: LabMisbehaviour | null = null
  nat: LabNat = 'off'

  constructor (init: { readonly name: string, readonly index: number, readonly profile: string, readonly peerId: string }, port: number) {
    this.name = init.name
    this.index = init.index
    this.profile = init.profile
    this.peerId = init.peerId
    this.addrs = [`/ip4/127.0.0.1/tcp/${port}/p2p/${init.peerId}`]
  }
}
