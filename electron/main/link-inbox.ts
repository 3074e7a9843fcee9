/**
 * `peershare://` links handed to the app by the system (the command line, a
 * second launch, macOS 'open-url') on their way to the UI. Only well-formed
 * links pass (shared/link.ts decides); they wait here until the page has
 * said it listens, since a link usually arrives before the window has
 * loaded, and are then delivered in order.
 */
import { LINK_SCHEME, parseLink } from '../../shared/index.js'

export interface LinkInboxInit {
  /** Most links held while the page is not listening; older ones are dropped first. Default 16. */
  maxQueued?: number
}

/**
 * The link in `raw` if it is a well-formed `peershare://` link, trimmed;
 * otherwise null. Bare root CIDs are not links a system would hand over.
 */
export function wellFormedLink (raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const text = raw.trim()
  if (!text.toLowerCase().startsWith(LINK_SCHEME)) return null
  try {
    parseLink(text)
  } catch {
    return null
  }
  return text
}

/** The well-formed links among command-line arguments (a launch or a second instance's argv). */
export function linksFromArgv (argv: readonly string[]): string[] {
  const links: string[] = []
  for (const arg of argv) {
    const link = wellFormedLink(arg)
    if (link != null) links.push(link)
  }
  return links
}

/** Holds links until the page listens, then delivers each once. */
export class LinkInbox {
  readonly #maxQueued: number
  readonly #queue: string[] = []
  #deliver: ((link: string) => void) | undefined

  constructor (init: LinkInboxInit = {}) {
    this.#maxQueued = init.maxQueued ?? 16
  }

  /** Accepts a link from the system; false (and nothing happens) when it is not well-formed. */
  offer (raw: unknown): boolean {
    const link = wellFormedLink(raw)
    if (link == null) return false
    if (this.#deliver != null) {
      this.#deliver(link)
      return true
    }
    this.#queue.push(link)
    if (this.#queue.length > this.#maxQueued) this.#queue.shift()
    return true
  }

  /** The page listens now: deliver what waited, then every new link straight away. */
  attach (deliver: (link: string) => void): void {
    this.#deliver = deliver
    for (const link of this.#queue.splice(0)) deliver(link)
  }

  /** The page went away (reload, crash): hold links again until it listens. */
  detach (): void {
    this.#deliver = undefined
  }

  /** Links waiting for the page, oldest first. */
  get pending (): readonly string[] {
    return [...this.#queue]
  }

  get attached (): boolean {
    return this.#deliver != null
  }
}
