/**
 * The lab's contract: what the lab supervisor (`peershare lab up`) tells its
 * dashboard and the `peershare lab` CLI, and the commands they may send it.
 * Plain JSON, no runtime dependencies, like the rest of shared/. The lab
 * talks to each instance through the ordinary contract (api.ts, events.ts);
 * this file is only about the lab itself.
 *
 * Transport: `POST /lab/api/<command>` with a JSON body on the lab's
 * loopback endpoint, `Authorization: Bearer <lab secret>`, the same Host and
 * Origin checks as an instance's endpoint; errors are `{ error: { code, message } }`.
 */
import type { PeerView } from './network-views.js'
import type { LookupOp, LookupTraceView } from './inspector.js'

/** Where the lab's commands live on its endpoint. */
export const LAB_API_PREFIX = '/lab/api/'

/** How a lab runs its instances: one daemon process each, or many engines in the lab's own process. */
export type LabMode = 'processes' | 'in-process'

/** An instance's state as the dashboard colours it. */
export type LabInstanceState = 'starting' | 'ready' | 'down' | 'partitioned' | 'misbehaving'

/** Every state, in the order the dashboard's legend lists them. */
export const LAB_INSTANCE_STATES: readonly LabInstanceState[] = ['starting', 'ready', 'down', 'partitioned', 'misbehaving']

/** The test-only misbehaviour a lab can switch on for an instance. */
export type LabMisbehaviour = 'corrupt' | 'stall'

/** Network conditions the lab's proxy applies to what an instance sends. */
export interface LinkConditions {
  /** Added one-way delay on data the instance sends, ms: its round trips grow by this much. */
  readonly latencyMs: number
  /** Share of the instance's outgoing segments that are lost and resent after a retransmission timeout, 0–100. */
  readonly lossPercent: number
}

/**
 * Whether an instance sits behind a home router, as the lab's proxy plays
 * one: 'on' refuses every connection others open to it except the lab
 * relay's (a router drops unsolicited packets), so others reach it through
 * its reservation on the lab relay and then punch a hole (WebRTC);
 * 'relay-only' also lets no hole punch succeed (a router that maps every
 * flow to a new port), so its connections stay relayed.
 */
export type LabNat = 'off' | 'on' | 'relay-only'

/** Every NAT state, in the order the dashboard offers them. */
export const LAB_NATS: readonly LabNat[] = ['off', 'on', 'relay-only']

/** What `lab set` (and the dashboard's forms) may change; absent fields stay as they are. */
export interface LabSettingsChange {
  readonly latencyMs?: number
  readonly lossPercent?: number
  /** Behind a NAT (`nat=on`) or not (`nat=off`, which also ends relay-only). */
  readonly nat?: boolean
  /** Behind a NAT no hole punch gets through (`relay-only=on`); off leaves it behind a NAT that can be punched. */
  readonly relayOnly?: boolean
  /** The instance's own upload / download caps (its `updateSettings`), bytes per second, 0 for none. */
  readonly uploadLimit?: number
  readonly downloadLimit?: number
}

/** One instance of the lab. */
export interface LabInstanceView {
  /** n0, n1, … */
  readonly name: string
  readonly index: number
  readonly state: LabInstanceState
  readonly peerId: string
  /** The instance's profile folder, for `peershare … --profile`. */
  readonly profile: string
  /** Addresses other instances dial (the lab's proxy in front of it), each ending in /p2p/<peer id>. */
  readonly addrs: readonly string[]
  /** Its loopback API while it runs, else null. */
  readonly api: string | null
  /** The address that opens its own UI signed in (`…/#token=…`), while it runs. */
  readonly ui: string | null
  /** Its process id while it runs (processes mode). */
  readonly pid: number | null
  readonly misbehave: LabMisbehaviour | null
  readonly partitioned: boolean
  readonly conditions: LinkConditions
  readonly nat: LabNat
  readonly uploadLimit: number
  readonly downloadLimit: number
  readonly routingTableSize: number
  readonly connections: number
  /** Payload rates from its last status, bytes per second. */
  readonly rateIn: number
  readonly rateOut: number
  /** When it was last started, and when it last became ready (ms since the epoch). */
  readonly startedAt: number | null
  readonly readyAt: number | null
  /** Why it is down, when it did not stop on the lab's request. */
  readonly lastError?: string
}

/** The name the lab relay goes by in views, edges and the log. */
export const LAB_RELAY_NAME = 'relay'

/**
 * The lab relay: a `peershare relay` process (relay, DHT bootstrap and STUN
 * node) on loopback, given to every instance as a relay; an instance behind
 * a NAT is reached through its reservation there.
 */
export interface LabRelayView {
  readonly name: typeof LAB_RELAY_NAME
  readonly state: 'starting' | 'ready' | 'down'
  readonly peerId: string
  /** The address instances are given (`--relay`), with /p2p/. */
  readonly addrs: readonly string[]
  /** Its STUN server (`stun:127.0.0.1:PORT`) while it runs. */
  readonly stun: string | null
  readonly pid: number | null
  /** What one relayed connection may carry: 'none' (limit lifted: transfers cross it) or 'default' (128 KiB and 2 minutes, as public relays). */
  readonly dataLimit: LabRelayDataLimit
  /** Why it is down, when it did not stop on the lab's request. */
  readonly lastError?: string
}

/** The lab relay's data limit per relayed connection. */
export type LabRelayDataLimit = 'none' | 'default'

/** A live connection between two instances (or an instance and the lab relay), as the instances report it. */
export interface LabEdgeView {
  /** Instance names, a < b in lab order; the lab relay ('relay') comes last. */
  readonly a: string
  readonly b: string
  readonly path: PeerView['path']
  /** Round-trip time from the last ping (the lower of the two ends' figures), or null before the first. */
  readonly rttMs: number | null
  /** Payload bytes per second over the last poll, a → b and b → a. */
  readonly rateAB: number
  readonly rateBA: number
}

/** Something that happened in the swarm, for the combined timeline. */
export interface LabTimelineEntry {
  readonly id: string
  /** The instance it happened on ('lab' for the lab's own actions). */
  readonly node: string
  /** 'path': a connection moved to another path (an upgrade: relayed → holepunched), an instant. */
  readonly kind: 'transfer' | 'connection' | 'path' | 'lab'
  /** What it is: a download's name, the peer connected to, the action taken, `n2: relayed → holepunched`. */
  readonly label: string
  readonly start: number
  /** When it ended (connection closed, download done or failed); absent while it lasts. */
  readonly end?: number
  /** The last state of a transfer, or how a connection ended. */
  readonly detail?: string
}

/** What a lab is: its name, mode, folder, network, topology and seed, and when it started and was ready. */
export interface LabFacts {
  readonly name: string
  readonly mode: LabMode
  readonly folder: string
  /** The private DHT network of its instances (lab-NAME). */
  readonly network: string
  readonly topology: string
  readonly seed: string
  readonly startedAt: number
  /** When every instance was first ready (API answers, routing table not empty), or null until then. */
  readonly allReadyAt: number | null
}

/** The whole lab at one moment. */
export interface LabView extends LabFacts {
  readonly now: number
  readonly instances: readonly LabInstanceView[]
  /** The lab relay, when the lab runs one. */
  readonly relay: LabRelayView | null
  readonly edges: readonly LabEdgeView[]
  readonly timeline: readonly LabTimelineEntry[]
}

/** One line of the merged log. */
export interface LabLogLine {
  readonly seq: number
  readonly at: number
  /** The instance that wrote it, or 'lab' for the lab's own actions. */
  readonly node: string
  readonly stream: 'stdout' | 'stderr' | 'lab'
  readonly text: string
}

/** One of the true closest instances to a key. */
export interface LabClosestView {
  readonly name: string
  readonly peerId: string
  /** Bits its KAD-ID shares with the key's. */
  readonly cpl: number
  readonly log2Distance: number
  /** How many other running instances hold it in their routing table. */
  readonly inTables: number
  /** Whether the asking instance holds it in its routing table (null without an asker). */
  readonly inAskerTable: boolean | null
  /** Whether the lookup reached it: it answered (closest, find-providers) or took the record (provide); null without a lookup. */
  readonly found: boolean | null
}

/** The lab's ground truth for a key, and a lookup scored against it. */
export interface LabTruthView {
  readonly key: string
  readonly kadId: string
  /** The instance that ran the lookup, if one did. */
  readonly node: string | null
  readonly op: LookupOp | null
  /** The true `count` closest running instances to the key (the asker left out), closest first. */
  readonly closest: readonly LabClosestView[]
  readonly trace: LookupTraceView | null
  /** "found 4 of the 5 closest", when a lookup ran. */
  readonly score: { readonly found: number, readonly of: number, readonly text: string } | null
}

/** A per-instance action. */
export type LabAction = 'stop' | 'kill' | 'restart' | 'partition' | 'heal'

/** Every lab command: its request and its response. */
export interface LabCommands {
  view: { req: Record<string, never>, res: LabView }
  /** Log lines after `after` (a seq), optionally of one node; at most `limit` (default 500), the newest. */
  log: { req: { after?: number, node?: string, limit?: number }, res: { readonly lines: readonly LabLogLine[], readonly last: number } }
  control: { req: { node: string, action: LabAction }, res: LabInstanceView }
  /** Restarts the instance with the test-only misbehaviour switched on, or off with null. */
  misbehave: { req: { node: string, mode: LabMisbehaviour | null }, res: LabInstanceView }
  set: { req: { node: string, change: LabSettingsChange }, res: LabInstanceView }
  /** Stops every instance and the lab. */
  down: { req: Record<string, never>, res: { readonly stopped: number } }
  /**
   * The true `count` (default 5) closest instances to `key` (a root or a
   * PeerId), from every instance's identity and routing table; with `node`,
   * that instance also runs the lookup `op` and it is scored against them.
   */
  truth: { req: { key: string, node?: string, op?: LookupOp, count?: number }, res: LabTruthView }
}

export type LabCommandName = keyof LabCommands

export const LAB_COMMANDS: readonly LabCommandName[] = ['view', 'log', 'control', 'misbehave', 'set', 'down', 'truth']

/** Guards a command name arriving over the wire. */
export function isLabCommand (name: unknown): name is LabCommandName {
  return typeof name === 'string' && (LAB_COMMANDS as readonly string[]).includes(name)
}

/** What `lab up --json` prints and lab.json keeps: enough to reach every instance with the ordinary CLI. */
export interface LabDescription extends LabFacts {
  /** The dashboard, signed in (`http://127.0.0.1:<port>/#token=<secret>`). */
  readonly dashboard: string
  /** The lab's own API, without the secret. */
  readonly api: string
  /** The supervisor's process id. */
  readonly pid: number
  readonly instances: readonly {
    readonly name: string
    readonly profile: string
    readonly peerId: string
    readonly addrs: readonly string[]
    readonly api: string | null
  }[]
  /** The lab relay, when the lab runs one. */
  readonly relay?: { readonly peerId: string, readonly profile: string, readonly addrs: readonly string[], readonly pid: number | null }
}
