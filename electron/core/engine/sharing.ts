/**
 * Sharing as a person does it: share a file or folder privately (the
 * default: a new secret, announced under its locator) or publicly (announced
 * by its root), make a new link for a private share (the old one is refused
 * from then on), and stop sharing. Each keeps the library, the share's key,
 * the DHT announcements and the UI's view in step.
 */
import { newSecret } from '../access/index.js'
import { BadRequestError, NotFoundError } from '../errors.js'
import { resolveUserPath } from '../local-files/index.js'
import type { EngineParts } from './parts.js'
import type { ShareJobView, ShareView } from '../../../shared/index.js'

/** What sharing works on. */
export type SharingParts = Pick<EngineParts, 'library' | 'access' | 'transfers' | 'linkFor' | 'events' | 'servingChanged' | 'shareJobs'>

/** What a share request asks for, as it arrived. */
export interface ShareRequest {
  readonly path?: unknown
  readonly public?: unknown
}

/**
 * Shares a path as a job (engine/share-jobs.ts): private unless
 * `req.public`. Sharing content that is shared already keeps a private
 * share's secret (its link stays valid), or switches it between private and
 * public as asked.
 */
export async function share (parts: SharingParts, req: ShareRequest): Promise<ShareJobView> {
  const { access, shareJobs } = parts
  if (typeof req?.path !== 'string' || req.path === '') throw new BadRequestError('share needs the path of a file or folder.')
  if (req.public != null && typeof req.public !== 'boolean') throw new BadRequestError('share\'s "public" must be true or false.')
  const isPublic = req.public === true
  return await shareJobs.share(resolveUserPath(req.path), {
    beforeServe: async root => {
      if (isPublic) await access.remove(root)
      else if (!access.isPrivate(root)) await access.set(root, newSecret())
    }
  })
}

/** Shares a path privately and waits until it is shared: "send to" needs its link. */
export async function sharePrivately (parts: SharingParts, path: unknown): Promise<ShareView> {
  const job = await share(parts, { path, public: false })
  return await parts.shareJobs.finished(job.id)
}

/** A new secret for a private share: its new link works, the old one is refused from now on. */
export async function rotateLink (parts: SharingParts, root: unknown): Promise<ShareView> {
  const { library, access, linkFor, events, servingChanged } = parts
  if (typeof root !== 'string' || !library.has(root)) throw new NotFoundError(`This instance does not share ${String(root).slice(0, 100)}.`)
  if (!access.isPrivate(root)) throw new BadRequestError(`${library.view(root, linkFor).name} is a public share: anyone with its root can fetch it, so there is no link to rotate. Share it again without "public" to make it private.`)
  await access.set(root, newSecret())
  await servingChanged(root)
  const view = library.view(root, linkFor)
  events.emit({ kind: 'share', share: view })
  return view
}

/** Stops sharing; the files stay where they are. */
export async function unshare (parts: SharingParts, root: unknown): Promise<{ root: string }> {
  const { library, access, transfers, events, servingChanged } = parts
  if (typeof root !== 'string') throw new BadRequestError('unshare needs the root of a share.')
  await library.unshare(root)
  // A download still under way keeps its key: it asks with it, and serves what it has to the link's holders.
  const downloading = transfers.find(root)
  if (downloading == null || downloading.state === 'done') await access.remove(root)
  await servingChanged(root)
  events.emit({ kind: 'share-removed', root })
  return { root }
}
