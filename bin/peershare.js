#!/usr/bin/env -S node --max-semi-space-size=2
// Launcher of the `peershare` command: makes sure a recent enough Node runs
// the CLI (re-running itself with the checkout's own Node from
// node_modules/.bin when the system one is too old), then loads the built CLI.
// The shebang's V8 flags are NODE_FLAGS (electron/cli/node-flags.ts; a test
// keeps the two the same): V8 reads them only at start-up.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const MIN_NODE_MAJOR = 22
const NODE_FLAGS = ['--max-semi-space-size=2']
const self = fileURLToPath(import.meta.url)
const checkout = dirname(dirname(self))
const major = Number(process.versions.node.split('.')[0])

if (major < MIN_NODE_MAJOR) {
  const candidates = process.platform === 'win32'
    ? ['../node_modules/node/bin/node.exe', '../node_modules/.bin/node.exe']
    : ['../node_modules/.bin/node', '../node_modules/node/bin/node']
  const local = candidates.map(rel => fileURLToPath(new URL(rel, import.meta.url))).find(p => existsSync(p))
  if (local == null || process.env.PEERSHARE_REEXEC === '1') {
    process.stderr.write(`peershare: Node.js ${MIN_NODE_MAJOR} or newer is needed (this is ${process.version}); run \`npm install\` in ${checkout} to get a local one, or install Node ${MIN_NODE_MAJOR}+ from https://nodejs.org.\n`)
    process.exit(1)
  }
  const child = spawn(local, [...NODE_FLAGS, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PEERSHARE_REEXEC: '1' }
  })
  // Ctrl-C reaches the whole process group, the child included; a signal sent to this process alone is passed on.
  const forward = (signal) => { child.kill(signal) }
  process.on('SIGINT', () => {})
  process.on('SIGTERM', forward)
  process.on('SIGHUP', forward)
  child.on('error', (err) => {
    process.stderr.write(`peershare: could not start ${local}: ${err.message}\n`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    if (signal != null) {
      process.removeAllListeners(signal)
      process.kill(process.pid, signal)
      return
    }
    process.exit(code ?? 1)
  })
} else {
  const main = new URL('../dist/electron/cli/main.js', import.meta.url)
  if (!existsSync(fileURLToPath(main))) {
    process.stderr.write(`peershare: the CLI is not built yet; run \`npm run build\` in ${checkout}.\n`)
    process.exit(1)
  }
  await import(main.href)
}
