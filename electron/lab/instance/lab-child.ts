/**
 * One child process of the lab (an instance's daemon, or the lab relay):
 * spawned in its own process group (Ctrl-C reaches the lab, which then
 * stops its children in order), its first stdout line read as the JSON it
 * prints once it runs, its later output sent to the lab's merged log, and
 * stopped with SIGTERM, then SIGKILL after a grace. It says when it ended
 * without being asked to.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { InstanceStartError } from '../errors.js'
import type { LogBook } from '../log-book.js'

/** How long SIGTERM may take before SIGKILL, ms. */
const STOP_GRACE_MS = 10_000

export interface LabChildComponents {
  readonly logBook: LogBook
  /** Told of every end: `asked` when the lab stopped or killed it. */
  readonly onExited: (why: string, asked: boolean) => void
}

export interface LabChildInit {
  /** Its name in the log (n0, relay, …). */
  readonly name: string
  /** Deadline for its first line, ms. */
  readonly startTimeoutMs: number
}

/** A child process of the lab, started once; start a new one to run it again. */
export class LabChild {
  readonly #c: LabChildComponents
  readonly #init: LabChildInit
  #proc: ChildProcess | undefined
  #exited: Promise<void> = Promise.resolve()
  #stopping = false

  constructor (components: LabChildComponents, init: LabChildInit) {
    this.#c = components
    this.#init = init
  }

  /** Its process id while it runs. */
  get pid (): number | null {
    const proc = this.#proc
    return proc != null && proc.exitCode == null && proc.signalCode == null ? proc.pid ?? null : null
  }

  get running (): boolean {
    return this.#proc != null
  }

  /**
   * Spawns `process.execPath args` and resolves with its first stdout line
   * parsed as JSON (checked by `check`, which throws to refuse it). If it
   * ends, says nothing in time or says something else, it is killed and
   * an InstanceStartError thrown.
   */
  async start<T> (args: readonly string[], env: NodeJS.ProcessEnv, check: (first: unknown) => T): Promise<T> {
    if (this.#proc != null) throw new Error(`${this.#init.name} already runs`)
    const proc = spawn(process.execPath, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    this.#proc = proc
    this.#stopping = false
    const log = this.#c.logBook
    this.#exited = new Promise<void>(resolve => {
      proc.once('exit', (code, signal) => {
        this.#onExited(proc, code, signal)
        resolve()
      })
    })
    proc.once('error', err => { log.add(this.#init.name, 'stderr', `spawn failed: ${err.message}`) })
    proc.stderr?.setEncoding('utf8')
    proc.stderr?.on('data', log.lineWriter(this.#init.name, 'stderr'))
    try {
      const line = await this.#firstLine(proc)
      let first: unknown
      try {
        first = JSON.parse(line)
      } catch (err) {
        throw new InstanceStartError(this.#init.name, `its first line is not JSON (${(err as Error).message}): ${line.slice(0, 200)}`)
      }
      return check(first)
    } catch (err) {
      proc.kill('SIGKILL')
      await this.#exited
      throw err
    }
  }

  /** SIGTERM, then SIGKILL after the grace; safe when not running. */
  async stop (): Promise<void> {
    const proc = this.#signal('SIGTERM')
    if (proc == null) return
    const clean = await Promise.race([this.#exited.then(() => true), sleep(STOP_GRACE_MS, false, { ref: false })])
    if (!clean) {
      this.#c.logBook.action(`did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM; killing it`, this.#init.name)
      proc.kill('SIGKILL')
      await this.#exited
    }
  }

  /** SIGKILL at once. */
  async kill (): Promise<void> {
    if (this.#signal('SIGKILL') != null) await this.#exited
  }

  #signal (sig: NodeJS.Signals): ChildProcess | undefined {
    const proc = this.#proc
    if (proc == null) return undefined
    this.#stopping = true
    proc.kill(sig)
    return proc
  }

  /** Its first stdout line; later lines go to the log. */
  async #firstLine (proc: ChildProcess): Promise<string> {
    const { name, startTimeoutMs } = this.#init
    return await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout! })
      let first = true
      const timer = setTimeout(() => { reject(new InstanceStartError(name, `it said nothing within ${startTimeoutMs / 1000} s`)) }, startTimeoutMs)
      lines.on('line', text => {
        if (!first) {
          if (text.trim() !== '') this.#c.logBook.add(name, 'stdout', text)
          return
        }
        first = false
        clearTimeout(timer)
        resolve(text)
      })
      proc.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new InstanceStartError(name, `it exited (code ${code}, signal ${signal}) before it was ready; see the lab's log`))
      })
    })
  }

  #onExited (proc: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#proc !== proc) return
    this.#proc = undefined
    const why = signal != null ? `killed by ${signal}` : `exited with code ${code}`
    this.#c.logBook.action(why, this.#init.name)
    this.#c.onExited(why, this.#stopping)
  }
}
