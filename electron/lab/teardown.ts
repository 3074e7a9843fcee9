/**
 * `lab down`: stops a lab for good, whatever state it is in. A running
 * supervisor is asked through its API to stop its instances; one that does
 * not answer gets SIGTERM, then SIGKILL; then any instance daemon still
 * alive (its supervisor died hard) is killed through its profile's daemon
 * file; and unless `keep`, the folder goes.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isProcessAlive, readDaemonInfo } from '../host/index.js'
import { connectLab } from './lab-client.js'
import { LabNotFoundError } from './errors.js'
import { labFolder, readLabDescription, removeLabFolder } from './lab-folder.js'
import { existsSync } from 'node:fs'

/** What `lab down` did. */
export interface TeardownResult {
  readonly folder: string
  /** Processes that had to be killed (a supervisor or instances that did not stop when asked). */
  readonly killed: number
  readonly removed: boolean
}

/** Stops lab `name` under `root` and, unless `keep`, removes its folder. */
export async function tearDownLab (root: string, name: string, keep: boolean): Promise<TeardownResult> {
  const folder = labFolder(root, name)
  if (!existsSync(folder)) throw new LabNotFoundError(name, root)
  const description = await readLabDescription(folder)
  let killed = 0
  if (description != null && isProcessAlive(description.pid)) {
    try {
      const client = await connectLab(root, name)
      await client.call('down', {}, { timeoutMs: 10_000 })
    } catch {
      signal(description.pid, 'SIGTERM')
    }
    if (!await exited(description.pid, 60_000)) {
      signal(description.pid, 'SIGKILL')
      killed++
      await exited(description.pid, 5_000)
    }
  }
  // The lab relay writes no daemon file: lab.json names its process, checked to be the relay of this lab's profile.
  const relay = description?.relay
  if (relay?.pid != null && await runsProfile(relay.pid, relay.profile)) {
    signal(relay.pid, 'SIGKILL')
    killed++
    await exited(relay.pid, 5_000)
  }
  for (const profile of await instanceProfiles(folder)) {
    const info = await readDaemonInfo(profile).catch(() => null)
    if (info != null && isProcessAlive(info.pid)) {
      signal(info.pid, 'SIGKILL')
      killed++
      await exited(info.pid, 5_000)
    }
  }
  if (!keep) await removeLabFolder(folder)
  return { folder, killed, removed: !keep }
}

/** The instance profile folders (n0, n1, …) of a lab folder. */
async function instanceProfiles (folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { withFileTypes: true })).filter(d => d.isDirectory() && /^n\d+$/.test(d.name)).map(d => join(folder, d.name))
  } catch {
    return []
  }
}

/** Whether process `pid` still runs with `profile` on its command line (Linux; elsewhere never known). */
async function runsProfile (pid: number, profile: string): Promise<boolean> {
  if (!isProcessAlive(pid)) return false
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  return cmdline.split('\0').includes(profile)
}

function signal (pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch {}
}

/** Waits (bounded) for a process to be gone. */
async function exited (pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false
    await sleep(100)
  }
  return true
}
