/**
 * Whether a download is waiting for a source: nothing in flight, nothing
 * being checked and written, and no source holding a chunk still needed,
 * for WAITING_GRACE. The view then says what is missing, how many sources
 * are still connected and when a chunk last arrived; it goes on by itself
 * once a peer that has the chunks comes along.
 */
import { WAITING_GRACE, WAITING_RANGES } from '../defaults.js'
import type { ChunkPicker } from './chunk-picker.js'
import type { TransferWaitingView } from '../../../shared/index.js'

export interface WaitingComponents {
  picker: Pick<ChunkPicker, 'inFlight' | 'anyHeld' | 'neededRanges'>
  /** Chunks received and not yet checked, written and recorded. */
  processing(): number
  /** Source peers still connected and not banned. */
  connectedSources(): number
}

export class Waiting {
  private readonly components: WaitingComponents
  /** When a source last sent a verified chunk. */
  lastChunkAt: number | null = null
  /** Since when nothing could be fetched from anyone, while that lasts. */
  private stuckSince?: number

  constructor (components: WaitingComponents) {
    this.components = components
  }

  /** Whether it has been unable to fetch anything from anyone for WAITING_GRACE: it waits for a source. */
  get stalled (): boolean {
    return this.stuckSince != null && Date.now() - this.stuckSince >= WAITING_GRACE
  }

  /** A new run is not stuck until it finds itself so. */
  reset (): void {
    this.stuckSince = undefined
  }

  /** Notes whether anything can be fetched now: something in flight, or a source holding a chunk still needed. */
  noteStuck (): void {
    const { picker } = this.components
    const stuck = picker.inFlight === 0 && this.components.processing() === 0 && !picker.anyHeld()
    if (!stuck) this.stuckSince = undefined
    else this.stuckSince ??= Date.now()
  }

  /** What the download waits for, once it has been stuck for WAITING_GRACE. */
  waitingView (): TransferWaitingView | undefined {
    if (this.stuckSince == null || !this.stalled) return undefined
    const { count, ranges } = this.components.picker.neededRanges(WAITING_RANGES)
    return {
      since: this.stuckSince,
      missingChunks: count,
      missingRanges: ranges,
      connectedSources: this.components.connectedSources(),
      lastChunkAt: this.lastChunkAt
    }
  }
}
