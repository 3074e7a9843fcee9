/**
 * When to tell a person a download has finished: once per transfer, when it
 * reaches 'done' while the app watches, never for downloads that were
 * already done at start, and again only if the same share is downloaded
 * anew after being removed. The decision is a small class over events; the
 * Electron Notification that shows it lives in notifications.ts.
 */
import { formatBytes, type PeerShareEvent, type TransferView } from '../../shared/index.js'

/** What a completion notification says. */
export interface CompletionNotice {
  readonly transferId: string
  readonly title: string
  readonly body: string
  /** Where the finished download is, for "show in folder" on click. */
  readonly path?: string
}

/** Decides which events deserve a "download complete" notification. */
export class CompletionWatch {
  readonly #done = new Set<string>()

  /** Downloads already finished at start are never announced. */
  seed (transfers: readonly TransferView[]): void {
    for (const t of transfers) if (t.state === 'done') this.#done.add(t.id)
  }

  /** The notice to show for this event, or null. */
  onEvent (event: PeerShareEvent): CompletionNotice | null {
    if (event.kind === 'transfer-removed') {
      this.#done.delete(event.id)
      return null
    }
    if (event.kind !== 'transfer') return null
    const t = event.transfer
    if (t.state !== 'done') {
      // A finished download that starts moving again (re-downloaded) may be announced again.
      this.#done.delete(t.id)
      return null
    }
    if (this.#done.has(t.id)) return null
    this.#done.add(t.id)
    return completionNotice(t)
  }
}

/** The words for one finished download. */
export function completionNotice (t: TransferView): CompletionNotice {
  return {
    transferId: t.id,
    title: 'Download complete',
    body: `${t.name} (${formatBytes(t.size)}) is verified and ready${t.path != null ? ` in ${t.path}` : ''}.`,
    ...(t.path != null ? { path: t.path } : {})
  }
}
