/**
 * Sharing as a job. `share` lists the files and checks them against the
 * limits of a share (so a share nobody could download is refused at once),
 * then answers; the hashing runs on here, reporting files and bytes done,
 * rate and ETA as throttled `share-job` events, until the share is
 * registered and announced. A job can be cancelled: hashing stops at the
 * next chunk and the library drops what the job wrote, so nothing of it
 * stays registered. A few ended jobs are kept for the jobs list.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { SHARE_JOBS_KEPT } from '../defaults.js'
import { AbortedError, NotFoundError, isAbort, toErrorBody } from '../errors.js'
import { log } from '../logger.js'
import { RateMeter } from '../util/rate-meter.js'
import type { EventHub } from './event-hub.js'
import type { LinkMaker } from './links.js'
import type { Library, ShareOptions } from '../library/library.js'
import type { ShareJobState, ShareJobView, ShareView } from '../../../shared/index.js'
import type { Startable } from '@libp2p/interface'

const logger = log('engine:share-jobs')

export interface ShareJobsComponents {
  library: Pick<Library, 'list' | 'share' | 'view'>
  events: Pick<EventHub, 'emit' | 'throttled'>
  linkFor: LinkMaker
  /** A share was registered: announce it. */
  servingChanged(root: string): Promise<void>
}

export interface ShareJobsInit {
  /** Ended jobs kept for the list; default SHARE_JOBS_KEPT. */
  kept?: number
}

/** One job's state; its view is made from it. */
interface Job {
  readonly id: string
  readonly path: string
  state: ShareJobState
  readonly filesTotal: number
  filesDone: number
  filesReused: number
  readonly bytesTotal: number
  bytesDone: number
  readonly meter: RateMeter
  readonly startedAt: number
  finishedAt?: number
  /** What made it fail, as thrown (its view shows it as an error body). */
  cause?: unknown
  share?: ShareView
  readonly controller: AbortController
  done?: Promise<void>
}

export class ShareJobs implements Startable {
  private readonly components: ShareJobsComponents
  private readonly kept: number
  /** Every job, oldest first. */
  private readonly jobs = new Map<string, Job>()

  constructor (components: ShareJobsComponents, init: ShareJobsInit = {}) {
    this.components = components
    this.kept = init.kept ?? SHARE_JOBS_KEPT
  }

  async start (): Promise<void> {}

  /** Cancels every running job and waits for each to stop. */
  async stop (): Promise<void> {
    await Promise.all([...this.jobs.values()].filter(j => j.state === 'hashing').map(async j => { await this.cancel(j.id) }))
  }

  /**
   * Lists and checks `target` (throwing what is wrong at once), then hashes
   * it as a job; a path already being shared answers that job. `beforeServe`
   * runs once the root is known, before anything is served under it.
   */
  async share (target: string, options: Pick<ShareOptions, 'beforeServe'> = {}): Promise<ShareJobView> {
    const abs = path.resolve(target)
    const running = [...this.jobs.values()].find(j => j.path === abs && j.state === 'hashing')
    if (running != null) return this.view(running)
    const listed = await this.components.library.list(abs)
    const job: Job = {
      id: randomUUID(),
      path: abs,
      state: 'hashing',
      filesTotal: listed.files.length,
      filesDone: 0,
      filesReused: 0,
      bytesTotal: listed.size,
      bytesDone: 0,
      meter: new RateMeter(),
      startedAt: Date.now(),
      controller: new AbortController()
    }
    this.jobs.set(job.id, job)
    job.done = this.run(job, listed, options)
    this.changed(job)
    return this.view(job)
  }

  /** Jobs, newest first. */
  list (): ShareJobView[] {
    return [...this.jobs.values()].reverse().map(j => this.view(j))
  }

  /** Stops a job; resolves once its hashing stopped and what it wrote is gone. */
  async cancel (id: unknown): Promise<ShareJobView> {
    const job = typeof id === 'string' ? this.jobs.get(id) : undefined
    if (job == null) throw new NotFoundError(`There is no share job ${String(id).slice(0, 100)}.`)
    if (job.state === 'hashing') {
      job.controller.abort(new AbortedError('The share was cancelled.'))
      await job.done
    }
    return this.view(job)
  }

  /** The share a job made, once it has made it; the job's error when it failed or was cancelled. */
  async finished (id: string): Promise<ShareView> {
    const job = this.jobs.get(id)
    if (job == null) throw new NotFoundError(`There is no share job ${id.slice(0, 100)}.`)
    await job.done
    if (job.share != null) return job.share
    throw job.state === 'cancelled' ? new AbortedError('The share was cancelled.') : job.cause
  }

  private async run (job: Job, listed: Awaited<ReturnType<ShareJobsComponents['library']['list']>>, options: Pick<ShareOptions, 'beforeServe'>): Promise<void> {
    const { library, linkFor, servingChanged, events } = this.components
    try {
      const record = await library.share(job.path, {
        job: job.id,
        listed,
        beforeServe: options.beforeServe,
        signal: job.controller.signal,
        onBytes: n => {
          job.bytesDone += n
          job.meter.add(n)
          this.changed(job)
        },
        onFile: (_f, reused) => {
          job.filesDone++
          if (reused) job.filesReused++
          this.changed(job)
        }
      })
      await servingChanged(record.root)
      job.share = library.view(record.root, linkFor)
      job.state = 'done'
      events.emit({ kind: 'share', share: job.share })
    } catch (err) {
      job.state = job.controller.signal.aborted && isAbort(job.controller.signal.reason) ? 'cancelled' : 'failed'
      if (job.state === 'failed') {
        job.cause = err
        logger.error('sharing %s failed: %s', job.path, toErrorBody(err).message)
      }
    }
    job.finishedAt = Date.now()
    this.changed(job)
    this.forgetOld()
  }

  /** A job's news: at once when its state changed, else at most every EVENT_THROTTLE. */
  private changed (job: Job): void {
    this.components.events.throttled(`share-job:${job.id}`, job.state, () => ({ kind: 'share-job', job: this.view(job) }))
  }

  private forgetOld (): void {
    const ended = [...this.jobs.values()].filter(j => j.state !== 'hashing')
    for (const j of ended.slice(0, Math.max(0, ended.length - this.kept))) this.jobs.delete(j.id)
  }

  private view (job: Job): ShareJobView {
    const rate = job.state === 'hashing' ? job.meter.rate() : 0
    const left = job.bytesTotal - job.bytesDone
    return {
      id: job.id,
      path: job.path,
      state: job.state,
      filesTotal: job.filesTotal,
      filesDone: job.filesDone,
      filesReused: job.filesReused,
      bytesTotal: job.bytesTotal,
      bytesDone: job.bytesDone,
      rate,
      etaSeconds: job.state !== 'hashing' ? 0 : rate > 0 ? Math.ceil(left / rate) : null,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      error: job.state === 'failed' ? toErrorBody(job.cause) : undefined,
      share: job.share
    }
  }
}
