/**
 * A lab instance that is a real `peershare daemon` process with its own
 * profile: started with a private loopback listen port (which only the
 * lab's proxy dials), the proxy's port as its announced address, mDNS off,
 * the lab's DHT network and the topology's bootstrap peers. Its stdout and
 * stderr go to the lab's merged log; the lab reaches it only through its
 * loopback API, like any other client.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { connectApi, readSecret, type ApiClient } from '../../host/index.js'
import { NODE_FLAGS } from '../../cli/node-flags.js'
import { InstanceStartError } from '../errors.js'
import type { LogBook } from '../log-book.js'
import type { Switchboard } from '../net/switchboard.js'
import { freeLoopbackPort } from './free-port.js'
import { MemberIdentity, type InstanceAddress, type InstanceContract, type LabMember, type OnMemberExit } from './member.js'

/** The compiled CLI, seen from dist/electron/lab/instance/. */
const CLI_MAIN = fileURLToPath(new URL('../../cli/main.js', import.meta.url))
/** How long SIGTERM may take before SIGKILL, ms. */
const STOP_GRACE_MS = 10_000

export interface DaemonInstanceComponents {
  readonly logBook: LogBook
  readonly switchboard: Switchboard
  readonly onExit: OnMemberExit
}

export interface DaemonInstanceInit {
  readonly name: string
  readonly index: number
  readonly profile: string
  readonly peerId: string
  readonly network: string
  /** The proxy's port, announced as this instance's address. */
  readonly publicPort: number
  /** Bootstrap addresses (other instances' proxies, with /p2p/). */
  readonly bootstrap: readonly string[]
  /** Extra environment for the daemon (DEBUG, …); default none. */
  readonly env?: Readonly<Record<string, string>>
  /** Deadline for the daemon to say where its API is, ms; default 90 s (20 daemons starting at once on two cores). */
  readonly startTimeoutMs?: number
}

/** One daemon process of the lab. */
export class DaemonInstance extends MemberIdentity implements LabMember {
  readonly #c: DaemonInstanceComponents
  readonly #init: DaemonInstanceInit
  #proc: ChildProcess | undefined
  #exited: Promise<void> = Promise.resolve()
  #client: ApiClient | undefined
  #address: InstanceAddress | null = null
  #stopping = false

  constructor (components: DaemonInstanceComponents, init: DaemonInstanceInit) {
    super(init, init.publicPort)
    this.#c = components
    this.#init = init
  }

  get contract (): InstanceContract | null {
    const client = this.#client
    if (client == null) return null
    return { api: client, subscribe: async (listener, onClose) => await client.subscribe(listener, { onClose }) }
  }

  get address (): InstanceAddress | null {
    return this.#address
  }

  /** The running process's id, for the switchboard's caller lookup. */
  get pid (): number | null {
    return this.#proc != null && this.#proc.exitCode == null && this.#proc.signalCode == null ? this.#proc.pid ?? null : null
  }

  async start (): Promise<void> {
    if (this.#proc != null) return
    const init = this.#init
    const privatePort = await freeLoopbackPort()
    const args = [
      ...NODE_FLAGS, CLI_MAIN, 'daemon',
      '--profile', init.profile,
      '--listen', `/ip4/127.0.0.1/tcp/${privatePort}`,
      '--announce', `/ip4/127.0.0.1/tcp/${init.publicPort}`,
      '--no-mdns',
      '--network', init.network,
      // Downloads stay inside the lab's folder unless a person picks another folder.
      '--download-dir', join(init.profile, 'downloads'),
      ...init.bootstrap.flatMap(addr => ['--bootstrap', addr]),
      '--json'
    ]
    const env = { ...process.env, ...init.env, PEERSHARE_TEST_MISBEHAVE: this.misbehave ?? '' }
    // Its own process group: Ctrl-C reaches the lab, which then stops its instances in order.
    const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    this.#proc = proc
    this.#stopping = false
    const log = this.#c.logBook
    log.action(`starting${this.misbehave != null ? ` (misbehaving: ${this.misbehave})` : ''}`, this.name)
    this.#exited = new Promise<void>(resolve => {
      proc.once('exit', (code, signal) => {
        this.#onExited(proc, code, signal)
        resolve()
      })
    })
    proc.once('error', err => { log.add(this.name, 'stderr', `spawn failed: ${err.message}`) })
    proc.stderr?.setEncoding('utf8')
    proc.stderr?.on('data', log.lineWriter(this.name, 'stderr'))

    let info: { peerId: string, api: string, ui?: string }
    try {
      info = await this.#firstLine(proc)
      if (info.peerId !== this.peerId) throw new InstanceStartError(this.name, `it runs as ${info.peerId}, not as ${this.peerId}: its profile's peer key was changed`)
      const secret = await readSecret(init.profile)
      if (secret == null) throw new InstanceStartError(this.name, `its profile ${init.profile} has no API secret`)
      this.#client = connectApi({ url: info.api, secret })
    } catch (err) {
      proc.kill('SIGKILL')
      await this.#exited
      throw err
    }
    this.#address = { pid: proc.pid ?? null, api: info.api, ui: info.ui ?? null }
    this.#c.switchboard.setUpstream(this.name, privatePort)
  }

  async stop (): Promise<void> {
    const proc = this.#signal('SIGTERM')
    if (proc == null) return
    const clean = await Promise.race([this.#exited.then(() => true), sleep(STOP_GRACE_MS, false, { ref: false })])
    if (!clean) {
      this.#c.logBook.action(`did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM; killing it`, this.name)
      proc.kill('SIGKILL')
      await this.#exited
    }
  }

  async kill (): Promise<void> {
    if (this.#signal('SIGKILL') != null) await this.#exited
  }

  /** Marks a stop the lab asked for, stops dials to it and sends `sig`; returns the process, if one ran. */
  #signal (sig: NodeJS.Signals): ChildProcess | undefined {
    const proc = this.#proc
    if (proc == null) return undefined
    this.#stopping = true
    this.#c.switchboard.setUpstream(this.name, null)
    this.#client?.close()
    proc.kill(sig)
    return proc
  }

  /** Reads the daemon's first stdout line ({ peerId, addrs, api, ui }); later lines go to the log. */
  async #firstLine (proc: ChildProcess): Promise<{ peerId: string, api: string, ui?: string }> {
    const timeoutMs = this.#init.startTimeoutMs ?? 90_000
    const line = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout! })
      let first = true
      const timer = setTimeout(() => { reject(new InstanceStartError(this.name, `it said nothing within ${timeoutMs / 1000} s`)) }, timeoutMs)
      lines.on('line', text => {
        if (!first) {
          if (text.trim() !== '') this.#c.logBook.add(this.name, 'stdout', text)
          return
        }
        first = false
        clearTimeout(timer)
        resolve(text)
      })
      proc.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new InstanceStartError(this.name, `it exited (code ${code}, signal ${signal}) before it was ready; see the lab's log`))
      })
    })
    try {
      const info = JSON.parse(line) as { peerId: string, api: string, ui?: string }
      if (typeof info.peerId !== 'string' || typeof info.api !== 'string') throw new Error('no peerId or api')
      return info
    } catch (err) {
      throw new InstanceStartError(this.name, `its first line is not the daemon's JSON (${(err as Error).message}): ${line.slice(0, 200)}`)
    }
  }

  #onExited (proc: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#proc !== proc) return
    this.#proc = undefined
    this.#client?.close()
    this.#client = undefined
    this.#address = null
    this.#c.switchboard.setUpstream(this.name, null)
    const why = signal != null ? `killed by ${signal}` : `exited with code ${code}`
    this.#c.logBook.action(why, this.name)
    if (!this.#stopping) this.#c.onExit(this.name, why)
  }
}
