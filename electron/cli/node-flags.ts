/**
 * The V8 flags a PeerShare node runs with. They must be given when the
 * process starts (V8 reads them once, when it sizes its heap), so every
 * launcher passes them: the `peershare` command's shebang (bin/peershare.js),
 * `npm start` for the headless host and, as `--js-flags`, for Electron's main
 * process, and the benchmarks, which run the daemon as a person would.
 *
 * `--max-semi-space-size=2` caps V8's young generation at 2 MiB per
 * semi-space instead of letting it grow to 16 MiB while libp2p's modules
 * load: the idle daemon drops from about 112 to 97 MiB and a downloader's
 * peak from about 223 to 186 MiB, at no measurable cost in transfer speed
 * (docs/performance.md, change 7).
 */
export const NODE_FLAGS: readonly string[] = Object.freeze(['--max-semi-space-size=2'])

/** The same flags as Electron's `--js-flags` switch, which applies them to its main process. */
export function electronJsFlags (): string {
  return `--js-flags=${NODE_FLAGS.join(' ')}`
}
