/**
 * When a download counts as stalled, so the Transfers view offers to
 * diagnose it.
 */
import type { TransferView } from '../../../../shared/index.js'

/** A download that is not moving: still looking for peers, downloading at no speed, or failed for want of peers. */
export function isStalled (t: TransferView): boolean {
  if (t.state === 'finding-peers') return true
  if (t.state === 'downloading') return t.rate === 0
  return t.state === 'failed' && (t.error?.code === 'no-providers' || t.error?.code === 'transfer-failed')
}
