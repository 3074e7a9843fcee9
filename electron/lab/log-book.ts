/**
 * The lab's merged log: every instance's stdout and stderr, line by line,
 * and the lab's own actions, in one bounded ring with increasing sequence
 * numbers, so the dashboard can fetch only what is new and filter by node.
 */
import type { LabLogLine } from '../../shared/lab.js'

export interface LogBookInit {
  /** Lines kept; default 20,000. */
  readonly capacity?: number
  /** Called for every line added (e.g. to echo it); default none. */
  readonly onLine?: (line: LabLogLine) => void
}

/** Longest line kept, characters; longer lines are cut. */
const MAX_LINE = 4000

/** A bounded, append-only log of the whole lab. */
export class LogBook {
  readonly #capacity: number
  readonly #onLine?: (line: LabLogLine) => void
  readonly #lines: LabLogLine[] = []
  #seq = 0

  constructor (init: LogBookInit = {}) {
    this.#capacity = init.capacity ?? 20_000
    this.#onLine = init.onLine
  }

  /** The last sequence number handed out. */
  get last (): number {
    return this.#seq
  }

  /** Adds one line. */
  add (node: string, stream: LabLogLine['stream'], text: string): void {
    const line: LabLogLine = { seq: ++this.#seq, at: Date.now(), node, stream, text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text }
    this.#lines.push(line)
    if (this.#lines.length > this.#capacity) this.#lines.splice(0, this.#lines.length - this.#capacity)
    this.#onLine?.(line)
  }

  /** Records something the lab did, to `node` (an instance it concerns) or to the lab as a whole. */
  action (text: string, node = 'lab'): void {
    this.add(node, 'lab', text)
  }

  /** Returns a function that splits chunks of a stream into lines and adds them for `node`. */
  lineWriter (node: string, stream: 'stdout' | 'stderr'): (chunk: string) => void {
    let pending = ''
    return chunk => {
      pending += chunk
      const parts = pending.split('\n')
      pending = parts.pop() ?? ''
      if (pending.length > MAX_LINE) {
        parts.push(pending)
        pending = ''
      }
      for (const part of parts) if (part.trim() !== '') this.add(node, stream, part.replace(/\r$/, ''))
    }
  }

  /** Lines after `after`, of `node` only when given ('lab': the lab's actions), at most `limit` (the newest). */
  read (query: { after?: number, node?: string, limit?: number } = {}): LabLogLine[] {
    const after = query.after ?? 0
    const limit = Math.max(1, Math.min(query.limit ?? 500, 5000))
    const out: LabLogLine[] = []
    for (let i = this.#lines.length - 1; i >= 0 && out.length < limit; i--) {
      const line = this.#lines[i]
      if (line.seq <= after) break
      if (query.node == null || line.node === query.node || (query.node === 'lab' && line.stream === 'lab')) out.push(line)
    }
    return out.reverse()
  }
}
