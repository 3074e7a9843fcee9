/**
 * The scenario file format (JSON, see lab/scenarios/README.md) and its
 * checks: a lab to start, files to make, a timeline of steps at a time or
 * on a condition, and assertions with deadlines. Every mistake is a
 * ScenarioError naming where it is.
 */
import type { LabRelayDataLimit } from '../../../shared/lab.js'
import { ScenarioError } from '../errors.js'
import { parseTopology, type Topology } from '../topology.js'

/** What a step does. */
export type StepAction = 'share' | 'get' | 'kill' | 'stop' | 'restart' | 'partition' | 'heal' | 'set' | 'misbehave' | 'churn'

/** A step of the timeline. */
export interface Step {
  readonly index: number
  /** Ms after the scenario's start; with `when`, the condition is only checked from then on. */
  readonly at: number
  /** Runs once a download of `file` on `node` reaches `atLeast` (0–1) of its size. */
  readonly when?: { readonly node: string, readonly file: string, readonly atLeast: number }
  readonly do: StepAction
  readonly nodes: readonly string[]
  readonly file?: string
  /** set: latency (ms), loss (%), up and down caps (bytes/s), NAT and relay-only. */
  readonly set?: { latencyMs?: number, lossPercent?: number, uploadLimit?: number, downloadLimit?: number, nat?: boolean, relayOnly?: boolean }
  readonly mode?: 'corrupt' | 'stall' | null
  /** churn: every `every` ms one of `nodes` (in turn) is killed, and restarted `downFor` ms later, until `until` ms. */
  readonly every?: number
  readonly downFor?: number
  readonly until?: number
}

/** What an assertion expects. */
export type Expectation = 'bytes-equal' | 'downloads-done' | 'no-reachable-peers' | 'peer-banned'

/** An assertion with its deadline. */
export interface Assertion {
  readonly index: number
  readonly expect: Expectation
  readonly nodes: readonly string[]
  readonly file?: string
  /** peer-banned: the instance that must be banned. */
  readonly peer?: string
  /** Deadline, ms after the scenario's start. */
  readonly within: number
  /** Not checked before this, ms after the start (e.g. after a partition); default 0. */
  readonly after: number
}

/** A checked scenario. */
export interface Scenario {
  readonly name: string
  readonly description: string
  /** relay: run the lab relay from the start, with this data limit. */
  readonly lab: { readonly size: number, readonly topology: Topology, readonly seed: string, readonly relay?: LabRelayDataLimit }
  readonly files: ReadonlyArray<{ readonly id: string, readonly size: number }>
  readonly steps: readonly Step[]
  readonly assertions: readonly Assertion[]
}

const ACTIONS: readonly StepAction[] = ['share', 'get', 'kill', 'stop', 'restart', 'partition', 'heal', 'set', 'misbehave', 'churn']
const EXPECTATIONS: readonly Expectation[] = ['bytes-equal', 'downloads-done', 'no-reachable-peers', 'peer-banned']
/** Largest scenario lab (daemon processes). */
const MAX_SIZE = 64
/** Largest file a scenario may make. */
const MAX_FILE = 4 * 1024 ** 3

/** Parses and checks a scenario from the text of a JSON file. */
export function parseScenario (text: string): Scenario {
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(text) as Record<string, unknown>
  } catch (err) {
    throw new ScenarioError(`The scenario is not JSON: ${(err as Error).message}`)
  }
  if (raw == null || typeof raw !== 'object') throw new ScenarioError('A scenario is a JSON object.')
  const name = str(raw.name, 'name')
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$/.test(name)) throw new ScenarioError(`name must be letters, digits, "-" and "_" (got "${name}").`)
  const lab = obj(raw.lab, 'lab')
  const size = Number(lab.size)
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) throw new ScenarioError(`lab.size must be 1 to ${MAX_SIZE} (got ${String(lab.size)}).`)
  let topology: Topology
  try {
    topology = parseTopology(lab.topology == null ? 'star' : str(lab.topology, 'lab.topology'))
  } catch (err) {
    throw new ScenarioError(`lab.topology: ${(err as Error).message}`)
  }
  const nodeNames = Array.from({ length: size }, (_, i) => `n${i}`)

  const files = arr(raw.files ?? [], 'files').map((f, i) => {
    const o = obj(f, `files[${i}]`)
    const fileSize = bytes(o.size, `files[${i}].size`)
    if (fileSize < 1 || fileSize > MAX_FILE) throw new ScenarioError(`files[${i}].size must be 1 B to 4 GiB.`)
    return { id: str(o.id, `files[${i}].id`), size: fileSize }
  })
  const fileIds = new Set(files.map(f => f.id))
  const fileRef = (v: unknown, where: string): string => {
    const id = str(v, where)
    if (!fileIds.has(id)) throw new ScenarioError(`${where}: no file "${id}" in files.`)
    return id
  }
  const nodesOf = (o: Record<string, unknown>, where: string): string[] => parseNodes(o.nodes ?? o.node, where, nodeNames)

  const steps = arr(raw.steps ?? [], 'steps').map((s, index): Step => {
    const where = `steps[${index}]`
    const o = obj(s, where)
    const action = str(o.do, `${where}.do`) as StepAction
    if (!ACTIONS.includes(action)) throw new ScenarioError(`${where}.do must be one of ${ACTIONS.join(', ')} (got "${action}").`)
    const step: { -readonly [K in keyof Step]: Step[K] } = { index, at: o.at == null ? 0 : duration(o.at, `${where}.at`), do: action, nodes: nodesOf(o, where) }
    if (o.when != null) {
      const w = obj(o.when, `${where}.when`)
      step.when = { node: parseNodes(w.node, `${where}.when.node`, nodeNames)[0], file: fileRef(w.file, `${where}.when.file`), atLeast: percent(w.atLeast, `${where}.when.atLeast`) }
    }
    if (action === 'share' || action === 'get') step.file = fileRef(o.file, `${where}.file`)
    if (action === 'set') {
      step.set = {
        ...(o.latency != null ? { latencyMs: duration(o.latency, `${where}.latency`) } : {}),
        ...(o.loss != null ? { lossPercent: percent(o.loss, `${where}.loss`) * 100 } : {}),
        ...(o.up != null ? { uploadLimit: bytes(o.up, `${where}.up`) } : {}),
        ...(o.down != null ? { downloadLimit: bytes(o.down, `${where}.down`) } : {}),
        ...(o.nat != null ? { nat: onOff(o.nat, `${where}.nat`) } : {}),
        ...(o['relay-only'] != null ? { relayOnly: onOff(o['relay-only'], `${where}.relay-only`) } : {})
      }
    }
    if (action === 'misbehave') {
      if (o.mode !== 'corrupt' && o.mode !== 'stall' && o.mode !== null && o.mode !== 'off') throw new ScenarioError(`${where}.mode must be corrupt, stall or off.`)
      step.mode = o.mode === 'off' ? null : o.mode
    }
    if (action === 'churn') {
      step.every = duration(o.every, `${where}.every`)
      step.downFor = o.downFor == null ? Math.min(10_000, step.every / 2) : duration(o.downFor, `${where}.downFor`)
      step.until = duration(o.until, `${where}.until`)
      if (step.every < 1000 || step.downFor >= step.every) throw new ScenarioError(`${where}: every must be at least 1s and longer than downFor.`)
    }
    return step
  })

  const assertions = arr(raw.assertions ?? [], 'assertions').map((a, index): Assertion => {
    const where = `assertions[${index}]`
    const o = obj(a, where)
    const expect = str(o.expect, `${where}.expect`) as Expectation
    if (!EXPECTATIONS.includes(expect)) throw new ScenarioError(`${where}.expect must be one of ${EXPECTATIONS.join(', ')} (got "${expect}").`)
    const needsFile = expect !== 'downloads-done' || o.file != null
    return {
      index,
      expect,
      nodes: nodesOf(o, where),
      ...(needsFile ? { file: fileRef(o.file, `${where}.file`) } : {}),
      ...(expect === 'peer-banned' ? { peer: parseNodes(o.peer, `${where}.peer`, nodeNames)[0] } : {}),
      within: duration(o.within, `${where}.within`),
      after: o.after == null ? 0 : duration(o.after, `${where}.after`)
    }
  })
  if (assertions.length === 0) throw new ScenarioError('A scenario needs at least one assertion.')
  if (lab.relay != null && lab.relay !== true && lab.relay !== 'none' && lab.relay !== 'default') throw new ScenarioError(`lab.relay must be true, "none" or "default" (the lab relay's data limit; got ${JSON.stringify(lab.relay)}).`)
  const relay: LabRelayDataLimit | undefined = lab.relay == null ? undefined : lab.relay === 'default' ? 'default' : 'none'
  return { name, description: typeof raw.description === 'string' ? raw.description : '', lab: { size, topology, seed: lab.seed == null ? name : String(lab.seed), ...(relay != null ? { relay } : {}) }, files, steps, assertions }
}

/** `n3`, `n1-n5`, `all`, or a list of names. */
export function parseNodes (value: unknown, where: string, names: readonly string[]): string[] {
  const list = Array.isArray(value) ? value : [value]
  const out: string[] = []
  for (const item of list) {
    if (typeof item !== 'string') throw new ScenarioError(`${where}: name nodes as "n3", "n1-n5", "all" or a list of names.`)
    if (item === 'all') {
      out.push(...names)
      continue
    }
    const range = /^n(\d+)-n?(\d+)$/.exec(item)
    if (range != null) {
      for (let i = Number(range[1]); i <= Number(range[2]); i++) out.push(`n${i}`)
      continue
    }
    out.push(item)
  }
  for (const n of out) if (!names.includes(n)) throw new ScenarioError(`${where}: the lab has no node "${n}" (it has n0–n${names.length - 1}).`)
  if (out.length === 0) throw new ScenarioError(`${where}: names no node.`)
  return [...new Set(out)]
}

/** `90s`, `1.5m`, `800ms`, or a number of ms. */
function duration (value: unknown, where: string): number {
  if (typeof value === 'number' && value >= 0) return value
  const m = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(value.trim()) : null
  if (m == null) throw new ScenarioError(`${where} must be a duration such as "800ms", "5s" or "2m" (got ${JSON.stringify(value)}).`)
  return Math.round(Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000))
}

/** `50%` or a fraction 0–1 → a fraction. */
function percent (value: unknown, where: string): number {
  const m = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*%$/.exec(value.trim()) : null
  const n = m != null ? Number(m[1]) / 100 : typeof value === 'number' ? value : NaN
  if (!(n >= 0 && n <= 1)) throw new ScenarioError(`${where} must be a percentage such as "50%" (got ${JSON.stringify(value)}).`)
  return n
}

/** `32MiB`, `512KiB`, `1GiB`, `1M`, or a number of bytes. */
function bytes (value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  const m = typeof value === 'string' ? /^(\d+)\s*([kKmMgG])?(?:i?B)?(?:\/s)?$/.exec(value.trim()) : null
  if (m == null) throw new ScenarioError(`${where} must be a size such as "32MiB" (got ${JSON.stringify(value)}).`)
  return Number(m[1]) * ({ k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]?.toLowerCase() ?? ''] ?? 1)
}

function onOff (v: unknown, where: string): boolean {
  if (v !== 'on' && v !== 'off' && typeof v !== 'boolean') throw new ScenarioError(`${where} must be "on" or "off".`)
  return v === 'on' || v === true
}

function str (v: unknown, where: string): string {
  if (typeof v !== 'string' || v === '') throw new ScenarioError(`${where} must be a non-empty string.`)
  return v
}

function obj (v: unknown, where: string): Record<string, unknown> {
  if (v == null || typeof v !== 'object' || Array.isArray(v)) throw new ScenarioError(`${where} must be an object.`)
  return v as Record<string, unknown>
}

function arr (v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new ScenarioError(`${where} must be a list.`)
  return v
}
