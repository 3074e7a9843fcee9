// Bundles what tsc alone cannot ship: the React renderer (one ES module and
// one stylesheet for a browser or an Electron window) and the Electron
// preload (one CommonJS file, since a sandboxed preload cannot import modules
// of its own). Each entry is skipped while its source does not exist yet, and
// while none of the files its last bundle was made from has changed since
// (esbuild's metafile lists them), so `npm start` and `npm test` rebuild only
// what changed.
import { build } from 'esbuild'
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const at = (...p) => path.join(root, ...p)
const stamps = at('dist', '.build')

/** True when the bundle named `name` exists and none of its inputs changed after it was made. */
async function upToDate (name, outputs) {
  try {
    const { inputs, startedAt } = JSON.parse(await readFile(path.join(stamps, `${name}.json`), 'utf8'))
    for (const output of outputs) await stat(output)
    for (const input of inputs) {
      if ((await stat(at(input))).mtimeMs > startedAt) return false
    }
    return true
  } catch {
    return false
  }
}

/** Bundles with `options` unless the last bundle is still up to date; `extraInputs` are copied files that count too. */
async function bundle (name, outputs, options, extraInputs = [], after = async () => {}) {
  if (await upToDate(name, outputs)) return
  const startedAt = Date.now()
  const result = await build({ ...options, absWorkingDir: root, metafile: true, logLevel: 'warning' })
  await after()
  await mkdir(stamps, { recursive: true })
  const inputs = [...Object.keys(result.metafile.inputs), ...extraInputs]
  await writeFile(path.join(stamps, `${name}.json`), JSON.stringify({ startedAt, inputs }))
}

/** esbuild options for a React page of ours: one ES module and one stylesheet in `out`. */
function browserOptions (entryPoints, out) {
  return {
    entryPoints,
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
    // The previous bundle is removed only once a new one is being made.
    plugins: [{ name: 'clean-out', setup (b) { b.onStart(async () => { await rm(out, { recursive: true, force: true }); await mkdir(out, { recursive: true }) }) } }]
  }
}

async function bundleRenderer () {
  const entry = at('renderer', 'src', 'main.tsx')
  if (!existsSync(entry)) return
  const out = at('dist', 'renderer')
  const publicDir = at('renderer', 'public')
  await bundle('renderer', [path.join(out, 'app.js'), path.join(out, 'index.html')], browserOptions({ app: entry }, out), ['renderer/index.html', ...(existsSync(publicDir) ? ['renderer/public'] : [])], async () => {
    await cp(at('renderer', 'index.html'), path.join(out, 'index.html'))
    if (existsSync(publicDir)) await cp(publicDir, out, { recursive: true })
  })
}

// The lab's dashboard (`peershare lab up`): a second entry of the same stack,
// served by the lab with the same CSP.
async function bundleLabDashboard () {
  const entry = at('renderer', 'src', 'lab', 'main.tsx')
  if (!existsSync(entry)) return
  const out = at('dist', 'dashboard')
  await bundle('dashboard', [path.join(out, 'lab.js'), path.join(out, 'index.html')], browserOptions({ lab: entry }, out), ['renderer/src/lab/index.html'], async () => {
    await cp(at('renderer', 'src', 'lab', 'index.html'), path.join(out, 'index.html'))
  })
}

async function bundlePreload () {
  const entry = at('electron', 'main', 'preload.ts')
  if (!existsSync(entry)) return
  const outfile = at('dist', 'electron', 'main', 'preload.cjs')
  await bundle('preload', [outfile], {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: ['node22'],
    external: ['electron'],
    sourcemap: true
  })
}

await Promise.all([bundleRenderer(), bundleLabDashboard(), bundlePreload()])
