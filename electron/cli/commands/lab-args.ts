/**
 * Parses `peershare lab …` into a closed union of lab commands. The lab has
 * options of its own (and no --profile), so it is parsed here rather than
 * by the node commands' parser; every mistake is a UsageError.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { LabAction, LabMisbehaviour, LabRelayDataLimit, LabSettingsChange } from '../../../shared/lab.js'
import { defaultLabRoot } from '../../lab/lab-folder.js'
import { parseTopology, type Topology } from '../../lab/topology.js'
import { parseByteRate } from '../args.js'
import { UsageError } from '../usage-error.js'

/** Largest lab of daemon processes; larger swarms run --in-process. */
export const MAX_PROCESS_LAB = 64
/** Largest in-process lab. */
export const MAX_IN_PROCESS_LAB = 500

/** A parsed `peershare lab` command line. */
export type LabCliCommand =
  | { readonly kind: 'up', readonly root: string, readonly size: number, readonly name?: string, readonly topology: Topology, readonly seed?: string, readonly json: boolean, readonly inProcess: boolean, readonly port?: number, readonly relay: boolean, readonly relayDataLimit?: LabRelayDataLimit }
  | { readonly kind: 'down', readonly root: string, readonly name: string, readonly keep: boolean }
  | { readonly kind: 'ls', readonly root: string, readonly json: boolean }
  | { readonly kind: 'set', readonly root: string, readonly name?: string, readonly node: string, readonly change: LabSettingsChange, readonly json: boolean }
  | { readonly kind: 'action', readonly root: string, readonly name?: string, readonly node: string, readonly action: LabAction, readonly json: boolean }
  | { readonly kind: 'misbehave', readonly root: string, readonly name?: string, readonly node: string, readonly mode: LabMisbehaviour | null, readonly json: boolean }
  | { readonly kind: 'run', readonly root: string, readonly file: string, readonly json: boolean, readonly report?: string, readonly keep: boolean }
  | { readonly kind: 'help' }

const OPTIONS = {
  name: { type: 'string' },
  topology: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  root: { type: 'string' },
  'in-process': { type: 'boolean' },
  port: { type: 'string' },
  keep: { type: 'boolean' },
  report: { type: 'string' },
  relay: { type: 'boolean' },
  'relay-data-limit': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

const ACTIONS: readonly LabAction[] = ['stop', 'kill', 'restart', 'partition', 'heal']

/** Parses the arguments after `lab`. */
export function parseLabArgs (argv: readonly string[], env: { PEERSHARE_LAB_ROOT?: string } = {}, cwd = process.cwd()): LabCliCommand {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const { values: v, positionals } = parsed
  const [sub, ...rest] = positionals
  if (v.help === true || sub === 'help' || sub == null) return { kind: 'help' }
  const root = v.root != null ? resolve(cwd, v.root) : defaultLabRoot(env)
  const json = v.json === true
  const only = (allowed: readonly string[]): void => {
    for (const key of Object.keys(v)) {
      if (key !== 'root' && key !== 'help' && !allowed.includes(key)) throw new UsageError(`--${key} does not apply to lab ${sub}.`)
    }
  }
  const count = (n: number, what: string): void => {
    if (rest.length < n) throw new UsageError(`lab ${sub} needs ${what}.`)
  }
  switch (sub) {
    case 'up': {
      only(['name', 'topology', 'seed', 'json', 'in-process', 'port', 'relay', 'relay-data-limit'])
      count(1, 'the number of instances, e.g. `lab up 6`')
      if (rest.length > 1) throw new UsageError(`Unexpected argument "${rest[1]}" for lab up.`)
      const inProcess = v['in-process'] === true
      const size = Number(rest[0])
      const max = inProcess ? MAX_IN_PROCESS_LAB : MAX_PROCESS_LAB
      if (!Number.isInteger(size) || size < 1 || size > max) throw new UsageError(`lab up takes 1 to ${max} instances${inProcess ? '' : ` (more with --in-process, up to ${MAX_IN_PROCESS_LAB})`}; got "${rest[0]}".`)
      let port: number | undefined
      if (v.port != null) {
        port = Number(v.port)
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a TCP port (got "${v.port}").`)
      }
      const limit = v['relay-data-limit']
      if (limit != null && limit !== 'none' && limit !== 'default') throw new UsageError(`--relay-data-limit takes none or default (got "${limit}").`)
      if (inProcess && (v.relay === true || limit != null)) throw new UsageError('The lab relay needs daemon processes: --relay does not go with --in-process.')
      return {
        kind: 'up',
        root,
        size,
        name: v.name,
        topology: usage(() => parseTopology(v.topology ?? defaultTopology(size))),
        seed: v.seed,
        json,
        inProcess,
        port,
        relay: v.relay === true || limit != null,
        ...(limit != null ? { relayDataLimit: limit } : {})
      }
    }
    case 'down':
      only(['keep'])
      count(1, 'the NAME of a lab (`peershare lab ls` lists them)')
      return { kind: 'down', root, name: rest[0], keep: v.keep === true }
    case 'ls':
      only(['json'])
      return { kind: 'ls', root, json }
    case 'set':
      only(['name', 'json'])
      count(2, 'an instance and at least one KEY=VALUE, e.g. `lab set n3 latency=80ms loss=2% up=1M nat=on`')
      return { kind: 'set', root, name: v.name, node: rest[0], change: parseSettingsChange(rest.slice(1)), json }
    case 'misbehave': {
      only(['name', 'json'])
      count(2, 'an instance and corrupt, stall or off')
      const mode = rest[1]
      if (mode !== 'corrupt' && mode !== 'stall' && mode !== 'off') throw new UsageError(`lab misbehave takes corrupt, stall or off (got "${mode}").`)
      return { kind: 'misbehave', root, name: v.name, node: rest[0], mode: mode === 'off' ? null : mode, json }
    }
    case 'run':
      only(['json', 'report', 'keep'])
      count(1, 'a scenario FILE')
      return { kind: 'run', root, file: resolve(cwd, rest[0]), json, report: v.report != null ? resolve(cwd, v.report) : undefined, keep: v.keep === true }
    default:
      if ((ACTIONS as readonly string[]).includes(sub)) {
        only(['name', 'json'])
        count(1, 'an instance, e.g. n3')
        return { kind: 'action', root, name: v.name, node: rest[0], action: sub as LabAction, json }
      }
      throw new UsageError(`Unknown lab command "${sub}".`)
  }
}

/**
 * Parses `latency=80ms loss=2% up=1MB/s down=512k nat=on relay-only=off`:
 * latency in ms (or s), loss in percent, up and down as byte rates (0 or
 * "none" for no cap), nat and relay-only on or off.
 */
export function parseSettingsChange (pairs: readonly string[]): LabSettingsChange {
  const change: { -readonly [K in keyof LabSettingsChange]: LabSettingsChange[K] } = {}
  for (const pair of pairs) {
    const match = /^([a-z-]+)=(.+)$/.exec(pair.trim())
    if (match == null) throw new UsageError(`"${pair}" is not KEY=VALUE (keys: ${SETTING_KEYS}).`)
    const [, key, value] = match
    switch (key) {
      case 'latency':
        change.latencyMs = parseDuration(value, 'latency')
        break
      case 'loss': {
        const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value)
        if (m == null || Number(m[1]) > 100) throw new UsageError(`loss takes a percentage from 0 to 100, e.g. loss=2% (got "${value}").`)
        change.lossPercent = Number(m[1])
        break
      }
      case 'up':
      case 'down': {
        const rate = value === 'none' ? 0 : parseByteRate(value, key)
        if (key === 'up') change.uploadLimit = rate
        else change.downloadLimit = rate
        break
      }
      case 'nat':
      case 'relay-only': {
        if (value !== 'on' && value !== 'off') throw new UsageError(`${key} takes on or off (got "${value}").`)
        if (key === 'nat') change.nat = value === 'on'
        else change.relayOnly = value === 'on'
        break
      }
      default:
        throw new UsageError(`Unknown setting "${key}" (keys: ${SETTING_KEYS}).`)
    }
  }
  return change
}

const SETTING_KEYS = 'latency, loss, up, down, nat, relay-only'

/** `80ms`, `1.5s`, `80` (ms) → milliseconds. */
export function parseDuration (text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(text.trim())
  if (m == null) throw new UsageError(`${what} takes a duration such as 80ms, 2s or 1m (got "${text}").`)
  const n = Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 1)
  return Math.round(n)
}

/**
 * star up to 20 instances, random:3 beyond: a node accepts only a few new
 * connections a second from one host (libp2p's inbound threshold), and in a
 * lab every instance is on 127.0.0.1, so a large star's hub turns most away.
 */
export function defaultTopology (size: number): string {
  return size > 20 ? 'random:3' : 'star'
}

/** Runs a parser of the lab's, turning its complaint into a UsageError. */
function usage<T> (parse: () => T): T {
  try {
    return parse()
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}
