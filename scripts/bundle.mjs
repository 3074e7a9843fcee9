// Bundles what tsc alone cannot ship: the React renderer (one ES module and
// one stylesheet for a browser or an Electron window) and the Electron
// preload (one CommonJS file, since a sandboxed preload cannot import modules
// of its own). Each entry is skipped while its source does not exist yet.
import { build } from 'esbuild'
import { cp, mkdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const at = (...p) => path.join(root, ...p)

async function bundleRenderer () {
  const entry = at('renderer', 'src', 'main.tsx')
  if (!existsSync(entry)) return
  const out = at('dist', 'renderer')
  await rm(out, { recursive: true, force: true })
  await mkdir(out, { recursive: true })
  await build({
    entryPoints: { app: entry },
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.svg': 'file', '.png': 'file', '.woff2': 'file' },
    logLevel: 'warning'
  })
  await cp(at('renderer', 'index.html'), path.join(out, 'index.html'))
  if (existsSync(at('renderer', 'public'))) await cp(at('renderer', 'public'), out, { recursive: true })
}

async function bundlePreload () {
  const entry = at('electron', 'main', 'preload.ts')
  if (!existsSync(entry)) return
  await build({
    entryPoints: [entry],
    outfile: at('dist', 'electron', 'main', 'preload.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: ['node22'],
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning'
  })
}

await Promise.all([bundleRenderer(), bundlePreload()])
