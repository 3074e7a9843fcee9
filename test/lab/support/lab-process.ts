/**
 * A real lab for tests: `peershare lab up N --json` as a child process with
 * its own lab root in a temp folder, its JSON document, a client of its API
 * and API clients of every instance. Cleanup takes the lab down the way a
 * person would (`peershare lab down`), then kills whatever still runs and
 * removes the folder, also when the test failed.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { connectApi, isProcessAlive, readDaemonInfo, readSecret, type ApiClient } from '../../../electron/host/index.js'
import { MAX_PROCESS_LAB } from '../../../electron/cli/commands/lab-args.js'
import { connectLab, type LabClient } from '../../../electron/lab/lab-client.js'
import { readLabDescription } from '../../../electron/lab/lab-folder.js'
import type { LabDescription } from '../../../shared/lab.js'
import { registerCleanup, trackProcess } from '../../support/cleanup.js'
import { CLI_PATH } from '../../support/daemon.js'
import { runCli } from '../../support/cli.js'
import { tempDir } from '../../support/files.js'

export interface LabOptions {
  readonly size: number
  readonly name?: string
  readonly topology?: string
  readonly seed?: string
  /** Extra arguments for `lab up`. */
  readonly extraArgs?: readonly string[]
  /** Deadline for the JSON document, ms; default 120 s. */
  readonly startTimeoutMs?: number
}

/** A running lab process. */
export interface TestLab {
  readonly root: string
  readonly description: LabDescription
  readonly client: LabClient
  readonly proc: ChildProcess
  /** Everything the supervisor wrote on stderr so far. */
  stderr(): string
  /** An API client of instance `name` (n0, n1, …), through its profile's daemon file and secret. */
  instance(name: string): Promise<ApiClient>
  /** `peershare lab down NAME` with this lab's root. */
  down(keep?: boolean): Promise<{ code: number | null, stderr: string }>
}

/** Starts `peershare lab up` and waits for its JSON document. */
export async function startLab (options: LabOptions): Promise<TestLab> {
  const root = await tempDir('lab-root')
  const name = options.name ?? 'test'
  const args = [
    CLI_PATH, 'lab', 'up', String(options.size), '--root', root, '--name', name, '--json',
    ...(options.topology != null ? ['--topology', options.topology] : []),
    ...(options.seed != null ? ['--seed', options.seed] : []),
    ...(options.extraArgs ?? [])
  ]
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  trackProcess(proc)
  let stderr = ''
  proc.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s
    if (process.env.PEERSHARE_TEST_ECHO === '1') process.stderr.write(s)
  })
  registerCleanup(`take lab ${name} down`, async () => { await forceDown(root, name, proc) }, 'processes')

  const timeoutMs = options.startTimeoutMs ?? 120_000
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout })
    const timer = setTimeout(() => { reject(new Error(`lab up printed no JSON within ${timeoutMs} ms\n${stderr}`)) }, timeoutMs)
    lines.once('line', text => {
      clearTimeout(timer)
      resolve(text)
    })
    proc.once('exit', code => {
      clearTimeout(timer)
      reject(new Error(`lab up exited with ${code} before printing its JSON\n${stderr}`))
    })
  })
  const description = JSON.parse(line) as LabDescription
  const client = await connectLab(root, name)
  const clients: ApiClient[] = []
  registerCleanup('close instance clients', () => { for (const c of clients) c.close() })
  return {
    root,
    description,
    client,
    proc,
    stderr: () => stderr,
    async instance (node) {
      const entry = description.instances.find(i => i.name === node)
      if (entry == null) throw new Error(`no instance ${node}`)
      // A daemon's file names its current API (it changes on restart); an in-process engine keeps the one the lab printed.
      const api = (await readDaemonInfo(entry.profile))?.api ?? entry.api
      const secret = await readSecret(entry.profile)
      if (api == null || secret == null) throw new Error(`${node} has no API address or secret in ${entry.profile}`)
      const c = connectApi({ url: api, secret })
      clients.push(c)
      return c
    },
    async down (keep = false) {
      const result = await runCli(['lab', 'down', name, '--root', root, ...(keep ? ['--keep'] : [])], { timeoutMs: 90_000 })
      return { code: result.code, stderr: result.stderr }
    }
  }
}

/** Cleanup: `lab down`, then SIGKILL for the supervisor and any instance still alive. */
async function forceDown (root: string, name: string, proc: ChildProcess): Promise<void> {
  if (proc.exitCode == null && proc.signalCode == null) {
    await runCli(['lab', 'down', name, '--root', root], { timeoutMs: 60_000 }).catch(() => {})
  }
  if (proc.exitCode == null && proc.signalCode == null) proc.kill('SIGKILL')
  await killLabOrphans(root)
}

/**
 * Kills every instance daemon still alive under a lab root, found through
 * its profile's daemon file: what a supervisor that was SIGKILLed (a test's
 * deadline) leaves behind. Registered by tests before they start a lab.
 */
export async function killLabOrphans (root: string): Promise<void> {
  let labs: string[]
  try {
    labs = await readdir(root)
  } catch {
    return
  }
  for (const lab of labs) {
    // The lab relay writes no daemon file; lab.json names its process.
    const relayPid = (await readLabDescription(join(root, lab)).catch(() => null))?.relay?.pid
    if (relayPid != null && isProcessAlive(relayPid) && relayPid !== process.pid) {
      try { process.kill(relayPid, 'SIGKILL') } catch {}
    }
    for (let i = 0; i < MAX_PROCESS_LAB; i++) {
      const info = await readDaemonInfo(join(root, lab, `n${i}`)).catch(() => null)
      if (info == null || !isProcessAlive(info.pid) || info.pid === process.pid) continue
      try { process.kill(info.pid, 'SIGKILL') } catch {}
    }
  }
  await sleep(50)
}
