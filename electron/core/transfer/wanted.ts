/**
 * What a download fetches of a share: every chunk, or only those of the
 * files a person picked. Fixed once the manifest is known; the counts a
 * progress bar shows are measured against it.
 */
import type { Manifest } from '../content/manifest.js'
import { chunksOf, selectFiles } from '../content/selection.js'
import type { Bitfield } from '../util/bitfield.js'

export class Wanted {
  /** Chunks of the picked files; undefined when the whole share is wanted. */
  private readonly chunks?: Bitfield
  /** Paths of the picked files (folders expanded); undefined for the whole share. */
  readonly files?: readonly string[]
  /** Bytes wanted. */
  readonly size: number
  /** Chunks wanted. */
  readonly chunkCount: number
  private readonly manifest: Manifest

  /** Throws BadRequestError when a picked path is not in the manifest. */
  constructor (manifest: Manifest, picks?: readonly string[]) {
    this.manifest = manifest
    if (picks == null) {
      this.size = manifest.size
      this.chunkCount = manifest.chunkCount
      return
    }
    const files = selectFiles(manifest, picks)
    this.chunks = chunksOf(manifest, files)
    this.files = files.map(f => f.path)
    this.size = files.reduce((n, f) => n + f.size, 0)
    this.chunkCount = this.chunks.count()
  }

  has (index: number): boolean {
    return this.chunks?.get(index) ?? true
  }

  /** Verified chunks among the wanted ones. */
  done (verified: Bitfield): number {
    if (this.chunks == null) return verified.count()
    let n = 0
    for (let i = 0; i < verified.length; i++) if (verified.get(i) && this.chunks.get(i)) n++
    return n
  }

  /** Whether every wanted chunk is verified. */
  complete (verified: Bitfield): boolean {
    return this.chunks == null ? verified.complete() : this.done(verified) === this.chunkCount
  }

  /** Verified bytes of the wanted chunks: file by file, so a view of a million chunks costs one pass over them, no search per chunk. */
  bytesDone (verified: Bitfield): number {
    if (verified.complete()) return this.size
    const { chunkSize } = this.manifest
    let bytes = 0
    for (const f of this.manifest.files) {
      if (f.chunkCount === 0 || !this.has(f.firstChunk)) continue
      const last = f.firstChunk + f.chunkCount - 1
      for (let i = f.firstChunk; i < last; i++) if (verified.get(i)) bytes += chunkSize
      if (verified.get(last)) bytes += f.size - (f.chunkCount - 1) * chunkSize
    }
    return bytes
  }
}
