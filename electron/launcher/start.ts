/**
 * `npm start`: runs PeerShare the best way this machine allows. With the
 * Electron binary installed, the desktop app starts on this checkout with
 * the given arguments. Without it (it cannot always be downloaded), one line
 * says so and the headless host starts instead, serving the same UI to the
 * browser; when that profile's node already runs, its UI is opened instead.
 * Either way this process only relays signals to the child and exits with
 * its code. It never imports 'electron'.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findDaemon } from '../host/index.js'
import { findElectronBinary } from './electron-binary.js'
import { HEADLESS_DEFAULT_PROFILE, planLaunch, takeProfile } from './launch-plan.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const pinnedNode = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node')

const argv = process.argv.slice(2)
const electron = findElectronBinary(import.meta.url)

/** Whether the profile's headless node already answers (the CLI resolves the profile against this same folder). */
async function alreadyRunning (): Promise<boolean> {
  const found = await findDaemon(resolve(takeProfile(argv).profile ?? HEADLESS_DEFAULT_PROFILE)).catch(() => null)
  found?.client.close()
  return found != null
}

const plan = planLaunch({
  root,
  argv,
  electron,
  node: process.platform !== 'win32' && existsSync(pinnedNode) ? pinnedNode : process.execPath,
  running: !electron.found && await alreadyRunning()
})
if (plan.notice != null) process.stderr.write(`${plan.notice}\n`)

const env = { ...process.env }
// An inherited ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
delete env.ELECTRON_RUN_AS_NODE

// The child gets its own process group, so a Ctrl-C reaches it once, from here, and never twice.
const child = spawn(plan.command, [...plan.args], { stdio: 'inherit', env, detached: process.platform !== 'win32' })

const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
const relay = (signal: NodeJS.Signals): void => {
  if (child.exitCode == null && child.signalCode == null) child.kill(signal)
}
for (const signal of signals) process.on(signal, relay)
// If this process dies anyway, it takes the child with it.
process.on('exit', () => { relay('SIGTERM') })

child.on('error', err => {
  process.stderr.write(`PeerShare: could not start ${plan.command}: ${err.message}\n`)
  process.exitCode = 1
})
child.on('exit', (code, signal) => {
  for (const s of signals) process.off(s, relay)
  if (signal != null) {
    process.kill(process.pid, signal)
    return
  }
  process.exit(code ?? 1)
})
