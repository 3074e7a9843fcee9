/**
 * Waiting for a share job, as every client of the contract does it (the CLI,
 * the lab, scripts): start it with `share`, then follow it through
 * `shareJobs` until it ends. A job that failed or was cancelled becomes the
 * error it ended with, so a caller that only wants the share reads one line.
 */
import { PeerShareApiError } from './errors.js'
import type { PeerShareApi } from './api.js'
import type { ShareJobView, ShareView } from './views.js'

export interface AwaitShareOptions {
  /** Told every time the job is looked at. */
  onProgress?(job: ShareJobView): void
  /** How often the job is looked at, ms; default 250. */
  intervalMs?: number
  /** Stops waiting (the job runs on; cancel it with cancelShareJob). */
  signal?: AbortSignal
}

/** Follows a started job until it ends; resolves with the share, or throws the error it ended with. */
export async function awaitShareJob (api: Pick<PeerShareApi, 'shareJobs'>, started: ShareJobView, options: AwaitShareOptions = {}): Promise<ShareView> {
  let job = started
  while (true) {
    options.onProgress?.(job)
    if (job.state === 'done' && job.share != null) return job.share
    if (job.state === 'failed') throw new PeerShareApiError({ code: (job.error?.code ?? 'internal') as PeerShareApiError['code'], message: job.error?.message ?? `Sharing ${job.path} failed.` })
    if (job.state === 'cancelled') throw new PeerShareApiError({ code: 'aborted', message: `Sharing ${job.path} was cancelled; nothing of it was kept.` })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, options.intervalMs ?? 250)
      options.signal?.addEventListener('abort', () => { clearTimeout(timer); reject(options.signal?.reason) }, { once: true })
    })
    options.signal?.throwIfAborted()
    const now = (await api.shareJobs({})).find(j => j.id === job.id)
    if (now == null) throw new PeerShareApiError({ code: 'not-found', message: `The share job of ${job.path} is gone (the node restarted?); share it again.` })
    job = now
  }
}

/** Shares a path (private unless `options.public`) and waits for the job to end; resolves with the share. */
export async function shareAndWait (api: Pick<PeerShareApi, 'share' | 'shareJobs'>, path: string, options: AwaitShareOptions & { public?: boolean } = {}): Promise<ShareView> {
  return await awaitShareJob(api, await api.share({ path, public: options.public }), options)
}
