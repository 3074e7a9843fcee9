/**
 * One DHT lookup, request by request, built from kad-dht's query events as
 * they arrive (node/kad-trace.ts stamps them). kad-dht says neither when a request
 * was answered nor who pointed the lookup at a peer, so both are derived
 * here: a request's time runs from its dial to its answer or error, and a
 * peer's referrer is the first peer whose answer named it (its hop is one
 * more than the referrer's; peers from this node's own table are hop 1).
 */
import { commonPrefixLength, kadIdOf, kadIdOfPeer, compareDistance, toHex, type DhtTarget, type KadId } from '../node/kad-id.js'
import type { KadStep, LookupRecording } from '../node/kad-trace.js'
import type { LookupCause, LookupOp, LookupOutcome, LookupRequestView, LookupSummaryView, LookupTraceView } from '../../../shared/index.js'

export interface LookupTraceInit {
  readonly id: string
  readonly op: LookupOp
  readonly target: DhtTarget
  readonly cause: LookupCause
  /** This node's PeerId. */
  readonly self: string
  /** Requests kept at most; later ones are counted, not kept. Default 1000. */
  readonly maxRequests?: number
  /** How many closest peers the summary lists; default 20 (kad-dht's k). */
  readonly k?: number
  /** Told when the lookup ends. */
  readonly onEnd?: (trace: LookupTrace) => void
}

interface Request {
  hop: number
  peerId: string
  via: string | null
  cpl: number
  path: number
  message: string
  startedAt: number
  ms: number | null
  outcome: LookupOutcome
  closer: readonly string[]
  providers: readonly string[]
  error?: string
}

/** The message a request carries before kad-dht says which. */
const FIRST_MESSAGE: Record<LookupOp, string> = { 'find-providers': 'GET_PROVIDERS', closest: 'FIND_NODE', provide: 'FIND_NODE' }

/** A lookup being recorded, and its view. */
export class LookupTrace implements LookupRecording {
  readonly id: string
  private readonly init: LookupTraceInit
  private readonly key: KadId
  private readonly maxRequests: number
  private readonly k: number
  private readonly startedAt = Date.now()
  private endedAt: number | null = null
  private state: LookupTraceView['state'] = 'running'
  private error?: string
  private readonly requests: Request[] = []
  private dropped = 0
  private counted = { requests: 0, answered: 0, failed: 0 }
  /** Unanswered requests per peer, oldest first. */
  private readonly open = new Map<string, Request[]>()
  /** The first peer whose answer named each peer, and that answer's hop. */
  private readonly referrers = new Map<string, { peer: string, hop: number }>()
  /** Each peer's hop and referrer, from its first request. */
  private readonly placed = new Map<string, { hop: number, via: string | null }>()
  private readonly kadIds = new Map<string, KadId>()
  private readonly providers: string[] = []
  private localProviders: readonly string[] = []
  private firstProvider: LookupSummaryView['firstProvider'] = null
  private readonly finals: string[] = []
  private readonly answeredPeers = new Set<string>()
  private readonly paths = new Set<number>()
  /** provide: once the closest peers are known, requests carry the record. */
  private storing = false

  constructor (init: LookupTraceInit) {
    this.id = init.id
    this.init = init
    this.key = kadIdOf(init.target.key)
    this.maxRequests = init.maxRequests ?? 1000
    this.k = init.k ?? 20
  }

  get running (): boolean {
    return this.state === 'running'
  }

  step (step: KadStep): void {
    if (!this.running) return
    switch (step.kind) {
      case 'dial':
        this.begin(step.peer, step.path, step.at)
        return
      case 'send': {
        const request = this.pending(step.peer) ?? this.begin(step.peer, step.path, step.at)
        request.message = step.message
        return
      }
      case 'response':
        this.answer(step)
        return
      case 'error': {
        const request = this.take(step.peer) ?? this.begin(step.peer, step.path, step.at)
        request.outcome = 'error'
        request.error = step.error
        request.ms = step.at - request.startedAt
        this.counted.failed++
        return
      }
      case 'final-peer':
        if (!this.finals.includes(step.peer)) this.finals.push(step.peer)
        this.storing = this.init.op === 'provide'
        return
      case 'path-ended':
        if (step.path >= 0) this.paths.add(step.path)
    }
  }

  end (error?: unknown): void {
    if (!this.running) return
    this.endedAt = Date.now()
    this.state = error == null ? 'done' : 'failed'
    if (error != null) this.error = (error as Error)?.message ?? String(error)
    this.init.onEnd?.(this)
  }

  view (): LookupTraceView {
    const { op, target, cause, self } = this.init
    return {
      id: this.id,
      op,
      target: target.text,
      targetKind: target.kind,
      kadId: toHex(this.key),
      cause,
      self,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      state: this.state,
      ...(this.error != null ? { error: this.error } : {}),
      requests: this.requests.map(r => ({ ...r }) satisfies LookupRequestView),
      droppedRequests: this.dropped,
      summary: this.summary()
    }
  }

  private summary (): LookupSummaryView {
    const closest = this.finals.length > 0
      ? this.finals.slice(0, this.k)
      : [...this.answeredPeers].sort((a, b) => compareDistance(this.key, this.kadIdOf(a), this.kadIdOf(b))).slice(0, this.k)
    return {
      requests: this.counted.requests,
      answered: this.counted.answered,
      failed: this.counted.failed,
      hops: this.requests.reduce((max, r) => Math.max(max, r.hop), 0),
      paths: new Set([...this.paths, ...this.requests.map(r => r.path).filter(p => p >= 0)]).size,
      firstProvider: this.firstProvider,
      providers: [...this.providers],
      localProviders: [...this.localProviders],
      closest,
      stored: this.requests.filter(r => r.outcome === 'stored').map(r => r.peerId)
    }
  }

  /** A new request to `peer`. */
  private begin (peer: string, path: number, at: number): Request {
    let place = this.placed.get(peer)
    if (place == null) {
      const referrer = this.referrers.get(peer)
      place = referrer == null ? { hop: 1, via: null } : { hop: referrer.hop + 1, via: referrer.peer }
      this.placed.set(peer, place)
    }
    const request: Request = {
      hop: place.hop,
      peerId: peer,
      via: place.via,
      cpl: commonPrefixLength(this.kadIdOf(peer), this.key),
      path,
      message: this.storing ? 'ADD_PROVIDER' : FIRST_MESSAGE[this.init.op],
      startedAt: at,
      ms: null,
      outcome: 'no-answer',
      closer: [],
      providers: []
    }
    this.counted.requests++
    if (this.requests.length < this.maxRequests) this.requests.push(request)
    else this.dropped++
    const open = this.open.get(peer)
    if (open == null) this.open.set(peer, [request])
    else open.push(request)
    return request
  }

  private answer (step: Extract<KadStep, { kind: 'response' }>): void {
    if (step.peer === this.init.self) {
      // kad-dht answers from this node's own provider records first, on no path.
      this.localProviders = step.providers
      for (const p of step.providers) if (!this.providers.includes(p)) this.providers.push(p)
      return
    }
    const request = this.take(step.peer) ?? this.begin(step.peer, step.path, step.at)
    request.ms = step.at - request.startedAt
    request.closer = step.closer
    request.providers = step.providers
    request.message = step.message === '' ? request.message : step.message
    request.outcome = step.message === 'ADD_PROVIDER' ? 'stored' : step.providers.length > 0 ? 'providers' : 'closer'
    this.counted.answered++
    if (request.outcome !== 'stored') this.answeredPeers.add(step.peer)
    for (const c of step.closer) if (!this.referrers.has(c)) this.referrers.set(c, { peer: step.peer, hop: request.hop })
    for (const p of step.providers) {
      if (!this.providers.includes(p)) this.providers.push(p)
      // The first provider another peer names, even one this node's own records already held.
      this.firstProvider ??= { peerId: p, from: step.peer, hop: request.hop, ms: step.at - this.startedAt }
    }
  }

  /** The newest unanswered request to `peer`, left open. */
  private pending (peer: string): Request | undefined {
    const open = this.open.get(peer)
    return open?.[open.length - 1]
  }

  /** The oldest unanswered request to `peer`, now answered. */
  private take (peer: string): Request | undefined {
    const open = this.open.get(peer)
    const request = open?.shift()
    if (open != null && open.length === 0) this.open.delete(peer)
    return request
  }

  private kadIdOf (peer: string): KadId {
    let id = this.kadIds.get(peer)
    if (id == null) {
      id = kadIdOfPeer(peer)
      this.kadIds.set(peer, id)
    }
    return id
  }
}
