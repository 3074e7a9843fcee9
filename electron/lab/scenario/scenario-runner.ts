/**
 * Plays a scenario on a running lab: makes its files, runs each step when
 * its time (or its condition) comes, checks every assertion until it holds
 * or its deadline passes, and reports what happened. It acts only through
 * the lab (stop, kill, partition, …) and the instances' contract (share,
 * download, transfers), as a tester would.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open } from 'node:fs/promises'
import { join } from 'node:path'
import { shareAndWait, type TransferView } from '../../../shared/index.js'
import type { Lab } from '../lab.js'
import type { Assertion, Scenario, Step } from './scenario-file.js'

/** How often steps' conditions and assertions are checked, ms. */
const TICK_MS = 500

/** The outcome of one step. */
export interface StepReport {
  readonly index: number
  readonly do: Step['do']
  readonly nodes: readonly string[]
  /** When it ran, ms after the start; null if it never did. */
  readonly ranAt: number | null
  readonly ok: boolean
  readonly error?: string
}

/** The outcome of one assertion. */
export interface AssertionReport {
  readonly index: number
  readonly expect: Assertion['expect']
  /** The assertion in words, e.g. "bytes-equal of movie on n1–n5 within 120 s". */
  readonly title: string
  readonly passed: boolean
  /** When it was settled, ms after the start. */
  readonly settledAt: number
  /** What was seen: why it passed or failed. */
  readonly message: string
}

/** What `lab run` prints and writes. */
export interface ScenarioReport {
  readonly scenario: string
  readonly description: string
  readonly passed: boolean
  /** The first failed assertion's title, when one failed. */
  readonly failed?: string
  readonly lab: { readonly name: string, readonly folder: string, readonly size: number, readonly topology: string, readonly seed: string }
  readonly startedAt: number
  readonly durationMs: number
  readonly steps: readonly StepReport[]
  readonly assertions: readonly AssertionReport[]
}

export interface ScenarioRunnerComponents {
  readonly lab: Lab
}

export interface ScenarioRunnerInit {
  readonly scenario: Scenario
  /** Where the scenario's files are made. */
  readonly folder: string
}

/** Runs one scenario once. */
export class ScenarioRunner {
  readonly #lab: Lab
  readonly #scenario: Scenario
  readonly #folder: string
  readonly #files = new Map<string, { path: string, sha256: string, root?: string }>()
  readonly #hashes = new Map<string, string>()
  readonly #steps = new Map<number, { ranAt: number | null, ok: boolean, error?: string, running: boolean }>()
  readonly #results = new Map<number, AssertionReport>()
  readonly #timers = new Set<ReturnType<typeof setTimeout>>()
  #t0 = 0

  constructor (components: ScenarioRunnerComponents, init: ScenarioRunnerInit) {
    this.#lab = components.lab
    this.#scenario = init.scenario
    this.#folder = init.folder
  }

  /** Plays the scenario to the end (every assertion settled); never throws for a failed step or assertion. */
  async run (): Promise<ScenarioReport> {
    const s = this.#scenario
    await this.#makeFiles()
    this.#t0 = Date.now()
    this.#lab.logBook.action(`scenario ${s.name}: started`)
    const deadline = Math.max(...s.assertions.map(a => a.within)) + TICK_MS
    let done = false
    // Steps run in their own loop, in order, so a slow step (a restart, hashing a share) never holds up the assertions' deadlines.
    const steps = (async () => {
      while (!done) {
        for (const step of s.steps) if (!done) await this.#maybeRun(step)
        await new Promise(resolve => setTimeout(resolve, TICK_MS / 2))
      }
    })()
    try {
      while (this.#results.size < s.assertions.length && this.#elapsed() <= deadline) {
        await Promise.all(s.assertions.map(async a => { await this.#check(a) }))
        await new Promise(resolve => setTimeout(resolve, TICK_MS))
      }
      for (const a of s.assertions) if (!this.#results.has(a.index)) this.#settle(a, false, 'it was never settled')
    } finally {
      done = true
      for (const t of this.#timers) clearTimeout(t)
    }
    // A step still under way is reported as such rather than waited for.
    await Promise.race([steps, new Promise(resolve => setTimeout(resolve, 5_000))])
    const assertions = s.assertions.map(a => this.#results.get(a.index)!)
    const failed = assertions.find(a => !a.passed)
    this.#lab.logBook.action(`scenario ${s.name}: ${failed == null ? 'passed' : `failed: ${failed.title}`}`)
    const view = this.#lab.view()
    return {
      scenario: s.name,
      description: s.description,
      passed: failed == null,
      ...(failed != null ? { failed: failed.title } : {}),
      lab: { name: view.name, folder: view.folder, size: view.instances.length, topology: view.topology, seed: view.seed },
      startedAt: this.#t0,
      durationMs: Date.now() - this.#t0,
      steps: s.steps.map(step => {
        const r = this.#steps.get(step.index)
        const error = r?.error ?? (r?.running === true ? 'still under way when the scenario ended' : undefined)
        return { index: step.index, do: step.do, nodes: step.nodes, ranAt: r?.ranAt ?? null, ok: r?.ok ?? false, ...(error != null ? { error } : {}) }
      }),
      assertions
    }
  }

  #elapsed (): number {
    return Date.now() - this.#t0
  }

  /** Writes each file of random bytes and notes its SHA-256. */
  async #makeFiles (): Promise<void> {
    const dir = join(this.#folder, 'files')
    await mkdir(dir, { recursive: true })
    for (const f of this.#scenario.files) {
      const path = join(dir, `${f.id}.bin`)
      const hash = createHash('sha256')
      const fh = await open(path, 'w')
      try {
        for (let written = 0; written < f.size;) {
          const block = randomBytes(Math.min(1024 * 1024, f.size - written))
          hash.update(block)
          await fh.write(block)
          written += block.length
        }
      } finally {
        await fh.close()
      }
      this.#files.set(f.id, { path, sha256: hash.digest('hex') })
    }
  }

  async #maybeRun (step: Step): Promise<void> {
    if (this.#steps.has(step.index) || this.#elapsed() < step.at) return
    if (step.when != null) {
      const t = await this.#transfer(step.when.node, step.when.file).catch(() => undefined)
      if (t == null || t.size === 0 || t.bytesDone / t.size < step.when.atLeast) return
    }
    const record = { ranAt: this.#elapsed(), ok: false, running: true } as { ranAt: number | null, ok: boolean, error?: string, running: boolean }
    this.#steps.set(step.index, record)
    this.#lab.logBook.action(`scenario step ${step.index}: ${step.do} ${step.nodes.join(', ')}${step.file != null ? ` (${step.file})` : ''}`)
    try {
      await this.#perform(step)
      record.ok = true
    } catch (err) {
      record.error = (err as Error).message
      this.#lab.logBook.action(`scenario step ${step.index} failed: ${record.error}`)
    } finally {
      record.running = false
    }
  }

  async #perform (step: Step): Promise<void> {
    const lab = this.#lab
    switch (step.do) {
      case 'share': {
        const file = this.#files.get(step.file!)!
        // Public, so every node that shares the file serves the one root any other node gets by it.
        for (const node of step.nodes) file.root = (await shareAndWait(this.#api(node), file.path, { public: true })).root
        return
      }
      case 'get': {
        const root = this.#files.get(step.file!)!.root
        if (root == null) throw new Error(`${step.file} is not shared yet`)
        await Promise.all(step.nodes.map(async node => { await this.#api(node).download({ link: root }) }))
        return
      }
      case 'kill':
      case 'stop':
      case 'restart':
      case 'partition':
      case 'heal':
        await Promise.all(step.nodes.map(async node => { await lab.control(node, step.do as 'kill') }))
        return
      case 'set':
        await Promise.all(step.nodes.map(async node => { await lab.set(node, step.set ?? {}) }))
        return
      case 'misbehave':
        await Promise.all(step.nodes.map(async node => { await lab.misbehave(node, step.mode ?? null) }))
        return
      case 'churn':
        this.#churn(step, 0)
    }
  }

  /** One round of churn: kill the next node in turn, restart it `downFor` later, and plan the next round. */
  #churn (step: Step, round: number): void {
    if (this.#elapsed() + step.every! > step.until!) return
    const node = step.nodes[round % step.nodes.length]
    const later = (ms: number, fn: () => Promise<void>): void => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer)
        void fn().catch(err => { this.#lab.logBook.action(`churn of ${node}: ${(err as Error).message}`) })
      }, ms)
      this.#timers.add(timer)
    }
    later(0, async () => {
      await this.#lab.control(node, 'kill')
      later(step.downFor!, async () => { await this.#lab.control(node, 'restart') })
    })
    later(step.every!, async () => { this.#churn(step, round + 1) })
  }

  #api (node: string): NonNullable<ReturnType<Lab['member']>['contract']>['api'] {
    const contract = this.#lab.member(node).contract
    if (contract == null) throw new Error(`${node} is down`)
    return contract.api
  }

  /** The download of `fileId` on `node`, if any. */
  async #transfer (node: string, fileId: string): Promise<TransferView | undefined> {
    const root = this.#files.get(fileId)?.root
    if (root == null) return undefined
    return (await this.#api(node).transfers({})).find(t => t.root === root)
  }

  /** Checks an assertion once; settles it when it holds, or when its deadline has passed. */
  async #check (a: Assertion): Promise<void> {
    if (this.#results.has(a.index) || this.#elapsed() < a.after) return
    let holds = false
    let seen: string
    try {
      ;({ holds, seen } = await this.#observe(a))
    } catch (err) {
      seen = (err as Error).message
    }
    if (holds) this.#settle(a, true, seen)
    else if (this.#elapsed() > a.within) this.#settle(a, false, seen)
  }

  async #observe (a: Assertion): Promise<{ holds: boolean, seen: string }> {
    const notes: string[] = []
    let all = true
    let any = false
    for (const node of a.nodes) {
      const transfers = a.file != null
        ? [await this.#transfer(node, a.file)].filter((t): t is TransferView => t != null)
        : [...await this.#api(node).transfers({})]
      const t = transfers[0]
      switch (a.expect) {
        case 'bytes-equal': {
          const file = this.#files.get(a.file!)!
          if (t?.state !== 'done' || t.path == null) {
            all = false
            notes.push(`${node}: ${describe(t)}`)
            break
          }
          const key = `${node}:${t.path}`
          const sha = this.#hashes.get(key) ?? await sha256File(t.path)
          this.#hashes.set(key, sha)
          if (sha !== file.sha256) {
            all = false
            notes.push(`${node}: the bytes differ from the original`)
          } else notes.push(`${node}: identical`)
          break
        }
        case 'downloads-done': {
          const open = transfers.filter(x => x.state !== 'done')
          if (transfers.length === 0 || open.length > 0) {
            all = false
            notes.push(`${node}: ${transfers.length === 0 ? 'no download' : open.map(describe).join('; ')}`)
          } else notes.push(`${node}: done`)
          break
        }
        case 'no-reachable-peers': {
          const none = t != null && t.state !== 'done' && t.peers.filter(p => !p.banned).length === 0
          if (none) any = true
          notes.push(`${node}: ${t == null ? 'no download' : none ? 'no reachable peer' : `${t.peers.filter(p => !p.banned).length} reachable peer(s), ${describe(t)}`}`)
          break
        }
        case 'peer-banned': {
          const peerId = this.#lab.member(a.peer!).peerId
          const banned = t != null && (t.bannedPeers.includes(peerId) || t.peers.some(p => p.peerId === peerId && p.banned))
          if (!banned) all = false
          notes.push(`${node}: ${banned ? `${a.peer} banned` : `${a.peer} not banned (${describe(t)})`}`)
          break
        }
      }
    }
    // no-reachable-peers holds once it is seen on every node named; the others once all nodes agree.
    return { holds: a.expect === 'no-reachable-peers' ? any && notes.every(n => n.endsWith('no reachable peer')) : all, seen: notes.join('; ') }
  }

  #settle (a: Assertion, passed: boolean, seen: string): void {
    const report: AssertionReport = { index: a.index, expect: a.expect, title: assertionTitle(a), passed, settledAt: this.#elapsed(), message: seen }
    this.#results.set(a.index, report)
    this.#lab.logBook.action(`assertion ${a.index} ${passed ? 'passed' : 'FAILED'}: ${report.title} — ${seen}`)
  }
}

/** The assertion in words. */
export function assertionTitle (a: Assertion): string {
  const nodes = a.nodes.length > 2 ? `${a.nodes[0]}–${a.nodes[a.nodes.length - 1]}` : a.nodes.join(', ')
  const what = a.expect === 'peer-banned' ? `${a.peer} banned` : a.expect
  return `assertion ${a.index} (${what}${a.file != null ? ` of ${a.file}` : ''} on ${nodes} within ${a.within / 1000} s)`
}

function describe (t: TransferView | undefined): string {
  if (t == null) return 'no download'
  const pct = t.size > 0 ? Math.floor((100 * t.bytesDone) / t.size) : 0
  return `${t.state}${t.state === 'done' ? '' : ` (${pct} %)`}${t.error != null ? `: ${t.error.message}` : ''}`
}

async function sha256File (path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
