/**
 * The lookups an instance made lately, kept so that "why did finding peers
 * take 20 s" can be answered afterwards: every DHT query the engine makes
 * (a download's discovery, a lookup, announcements, traces and diagnoses)
 * is recorded through node/kad.ts into a ring buffer of the last few
 * traces, exportable as JSON (docs/lookup-trace.schema.json).
 */
import { LOOKUP_LOG_SIZE } from '../defaults.js'
import { LookupTrace } from './lookup-trace.js'
import type { DhtTarget } from '../node/kad-id.js'
import type { LookupRecorder } from '../node/kad-trace.js'
import type { LookupCause, LookupOp, LookupTraceExport, LookupTraceView } from '../../../shared/index.js'

export interface LookupLogComponents {
  /** This node's PeerId, once known. */
  self(): string
}

export interface LookupLogInit {
  /** Traces kept; default LOOKUP_LOG_SIZE. */
  size?: number
  /** Requests kept per trace; default 1000. */
  maxRequests?: number
}

export class LookupLog implements LookupRecorder {
  private readonly components: LookupLogComponents
  private readonly size: number
  private readonly maxRequests: number
  /** Oldest first. */
  private readonly traces: LookupTrace[] = []
  private counter = 0

  constructor (components: LookupLogComponents, init: LookupLogInit = {}) {
    this.components = components
    this.size = init.size ?? LOOKUP_LOG_SIZE
    this.maxRequests = init.maxRequests ?? 1000
  }

  begin (op: LookupOp, target: DhtTarget, cause: LookupCause): LookupTrace {
    const trace = new LookupTrace({
      id: `${Date.now().toString(36)}-${(++this.counter).toString(36)}`,
      op,
      target,
      cause,
      self: this.components.self(),
      maxRequests: this.maxRequests
    })
    this.traces.push(trace)
    if (this.traces.length > this.size) this.traces.splice(0, this.traces.length - this.size)
    return trace
  }

  /** A trace by id, while it is kept. */
  get (id: string): LookupTraceView | undefined {
    return this.traces.find(t => t.id === id)?.view()
  }

  /** Every trace kept, oldest first. */
  views (): LookupTraceView[] {
    return this.traces.map(t => t.view())
  }

  /** The export format: every trace kept, with who made them and when. */
  export (): LookupTraceExport {
    return { format: 'peershare-lookup-traces', version: 1, peerId: this.components.self(), exportedAt: Date.now(), traces: this.views() }
  }
}
