/**
 * What a download fetches of a share: every chunk, or only those of the
 * files a person picked, less the files an earlier run already put in place
 * (kept: they count as done and are not fetched again). Fixed for a run once
 * the manifest is known; the counts a progress bar shows are measured
 * against it.
 */
import { locateChunk, type Manifest, type ManifestFile } from '../content/manifest.js'
import { chunksOf, filesOf } from '../content/selection.js'
import type { Bitfield } from '../util/bitfield.js'

export class Wanted {
  /** Chunks to fetch; undefined when every chunk of the share is. */
  private readonly fetch?: Bitfield
  /** Paths of the picked files (folders expanded); undefined for the whole share. */
  readonly files?: readonly string[]
  /** Paths of the files this run creates and fetches; undefined for every file of the share. */
  readonly fetchFiles?: readonly string[]
  /** Bytes wanted, kept files included. */
  readonly size: number
  /** Chunks wanted, kept files included. */
  readonly chunkCount: number
  private readonly keptChunks: number
  private readonly keptBytes: number
  private readonly manifest: Manifest

  /**
   * `picks` as the person gave them (undefined: the whole share); `kept`:
   * paths of picked files already in place. Throws BadRequestError when a
   * picked path is not in the manifest.
   */
  constructor (manifest: Manifest, picks?: readonly string[], kept: readonly string[] = []) {
    this.manifest = manifest
    const selected = filesOf(manifest, picks)
    const keep = new Set(kept)
    const keptFiles = selected.filter(f => keep.has(f.path))
    const fetched = selected.filter(f => !keep.has(f.path))
    this.files = picks == null ? undefined : selected.map(f => f.path)
    this.fetchFiles = picks == null && keptFiles.length === 0 ? undefined : fetched.map(f => f.path)
    this.fetch = this.fetchFiles == null ? undefined : chunksOf(manifest, fetched)
    this.size = sum(selected, f => f.size)
    this.chunkCount = sum(selected, f => f.chunkCount)
    this.keptBytes = sum(keptFiles, f => f.size)
    this.keptChunks = sum(keptFiles, f => f.chunkCount)
  }

  /** Whether this run fetches chunk `index`. */
  has (index: number): boolean {
    return this.fetch?.get(index) ?? true
  }

  /** Wanted chunks done: verified ones among those fetched, and every chunk of a kept file. */
  done (verified: Bitfield): number {
    if (this.fetch == null) return verified.count()
    let n = this.keptChunks
    for (let i = 0; i < verified.length; i++) if (verified.get(i) && this.fetch.get(i)) n++
    return n
  }

  /** Whether every chunk this run fetches is verified. */
  complete (verified: Bitfield): boolean {
    return this.fetch == null ? verified.complete() : this.done(verified) === this.chunkCount
  }

  /** Wanted bytes done: verified chunks fetched, and kept files whole. */
  bytesDone (verified: Bitfield): number {
    if (this.fetch == null && verified.complete()) return this.size
    let bytes = this.keptBytes
    for (let i = 0; i < this.manifest.chunkCount; i++) if (verified.get(i) && this.has(i)) bytes += locateChunk(this.manifest, i).length
    return bytes
  }
}

function sum (files: readonly ManifestFile[], of: (f: ManifestFile) => number): number {
  return files.reduce((n, f) => n + of(f), 0)
}
