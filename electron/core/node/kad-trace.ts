/**
 * Lookup traces: each of kad-dht's query events that PeerShare's DHT
 * queries see, stamped on arrival (kad-dht's events carry no time) and
 * handed to the lookup recorder, the inspector's ring buffer of traces.
 * It reads only kad-dht's public query events; the adapter (kad.ts) runs
 * every query through `traced`.
 */
import type { DhtTarget } from './kad-id.js'
import type { LookupCause, LookupOp } from '../../../shared/index.js'
import type { QueryEvent } from '@libp2p/kad-dht'
import type { AbortOptions } from '@libp2p/interface'

/**
 * One of kad-dht's query events as PeerShare keeps it: stamped when it
 * arrived (kad-dht's events carry no time), peers as strings.
 */
export type KadStep =
  | { readonly kind: 'dial', readonly at: number, readonly peer: string, readonly path: number }
  | { readonly kind: 'send', readonly at: number, readonly peer: string, readonly path: number, readonly message: string }
  | { readonly kind: 'response', readonly at: number, readonly peer: string, readonly path: number, readonly message: string, readonly closer: readonly string[], readonly providers: readonly string[] }
  | { readonly kind: 'error', readonly at: number, readonly peer: string, readonly path: number, readonly error: string }
  | { readonly kind: 'final-peer', readonly at: number, readonly peer: string, readonly path: number }
  | { readonly kind: 'path-ended', readonly at: number, readonly path: number }

/** Where one lookup's steps go. */
export interface LookupRecording {
  readonly id: string
  step(step: KadStep): void
  /** The lookup ended: done, or failed with `error`. */
  end(error?: unknown): void
}

/** Keeps the lookups kad-dht makes for PeerShare (the inspector's ring buffer). */
export interface LookupRecorder {
  begin(op: LookupOp, target: DhtTarget, cause: LookupCause): LookupRecording
}

/** Options of a DHT query: a deadline, why it is made, and who wants the trace's id. */
export interface KadQueryOptions extends AbortOptions {
  /** Default: 'announce' for provide, 'discovery' for finding providers, 'trace' for closest peers. */
  cause?: LookupCause
  onTrace?(id: string): void
}

const DEFAULT_CAUSE: Record<LookupOp, LookupCause> = { provide: 'announce', 'find-providers': 'discovery', closest: 'trace' }

/**
 * Runs one of kad-dht's queries, handing every event to the lookup
 * recorder (if any) as it arrives, stamped with the time; the events pass on
 * unchanged.
 */
export async function * traced (lookups: LookupRecorder | undefined, op: LookupOp, target: DhtTarget, options: KadQueryOptions, run: (options: AbortOptions) => AsyncIterable<QueryEvent>): AsyncGenerator<QueryEvent> {
  const recording = lookups?.begin(op, target, options.cause ?? DEFAULT_CAUSE[op])
  if (recording != null) options.onTrace?.(recording.id)
  let failure: unknown
  try {
    for await (const event of run({ signal: options.signal })) {
      const step = recording == null ? undefined : stepOf(event, Date.now())
      if (step != null) recording?.step(step)
      yield event
    }
  } catch (err) {
    failure = err
    throw err
  } finally {
    recording?.end(failure)
  }
}

/** A query event as a step, or undefined for those a trace does not show (PROVIDER repeats a response, ADD_PEER, VALUE). */
function stepOf (event: QueryEvent, at: number): KadStep | undefined {
  const path = event.path?.index ?? -1
  switch (event.name) {
    case 'DIAL_PEER':
      return { kind: 'dial', at, peer: event.peer.toString(), path }
    case 'SEND_QUERY':
      return { kind: 'send', at, peer: event.to.toString(), path, message: event.messageName }
    case 'PEER_RESPONSE':
      return {
        kind: 'response',
        at,
        peer: event.from.toString(),
        path,
        message: event.messageName,
        closer: (event.closer ?? []).map(p => p.id.toString()),
        providers: (event.providers ?? []).map(p => p.id.toString())
      }
    case 'QUERY_ERROR':
      return { kind: 'error', at, peer: event.from.toString(), path, error: event.error?.message ?? String(event.error) }
    case 'FINAL_PEER':
      return { kind: 'final-peer', at, peer: event.peer.id.toString(), path }
    case 'PATH_ENDED':
      return { kind: 'path-ended', at, path }
    default:
      return undefined
  }
}
