/**
 * Parses the `peershare` command line into a closed union of commands, with
 * node:util parseArgs; every mistake is a UsageError saying what is wrong.
 * Without --profile (or PEERSHARE_PROFILE) a command uses the profile `npm
 * start` uses.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { EngineInit } from '../core/index.js'
import { checkNodeOption, type NodeOptionName, type NodeOptions } from '../../shared/index.js'
// The module itself, not the host's face: that would load the engine before `help` can answer.
import { isMisbehaviour, misbehavingSources, type Misbehaviour } from '../host/misbehaving-source.js'
import { defaultProfileDir } from './default-profile.js'
import { UsageError } from './usage-error.js'
import { HELP_TOPICS, type HelpTopic } from './usage.js'
import { parseDhtView, type DhtInspectView } from './dht-args.js'
import type { LookupOp } from '../../shared/index.js'

/** What every command but help carries. */
export interface ProfileCommand {
  /** Absolute profile directory. */
  readonly profile: string
  readonly json: boolean
  /** Node options for an engine the command starts itself: for that run only. */
  readonly node: NodeOptions
  /** (daemon, relay) Addresses to announce instead of the listen addresses: a server's public address (at once, without AutoNAT), a proxy in front of the node. */
  readonly announce?: readonly string[]
  /** From PEERSHARE_TEST_MISBEHAVE: test-only. */
  readonly misbehave?: Misbehaviour
  /** From PEERSHARE_TEST_NAT=per-flow (the lab's relay-only condition): no hole punch succeeds; test-only. */
  readonly perFlowNat?: boolean
}

/** A parsed command line. */
export type CliCommand =
  /** The overview, or one command's help. */
  | { readonly kind: 'help', readonly topic?: HelpTopic }
  | { readonly kind: 'version' }
  | ProfileCommand & { readonly kind: 'daemon', /** Also open the web UI in the system browser. */ readonly open: boolean }
  | ProfileCommand & { readonly kind: 'ui', /** Also open the address in the system browser. */ readonly open: boolean }
  | ProfileCommand & { readonly kind: 'share', readonly path: string, /** Announce it by its root for anyone (default: private). */ readonly public: boolean }
  | ProfileCommand & { readonly kind: 'unshare', readonly root: string }
  | ProfileCommand & { readonly kind: 'link', readonly action: 'rotate', readonly root: string }
  | ProfileCommand & { readonly kind: 'send', readonly path: string, /** A device's name or PeerId. */ readonly to: string }
  | ProfileCommand & { readonly kind: 'accept', readonly id: string, readonly out?: string }
  | ProfileCommand & { readonly kind: 'decline', readonly id: string }
  | ProfileCommand & { readonly kind: 'pair', /** The other device's code or pairing link; absent: show a code of this device's. */ readonly code?: string, readonly with?: string }
  | ProfileCommand & { readonly kind: 'unpair', readonly device: string }
  | ProfileCommand & { readonly kind: 'get', readonly link: string, readonly out?: string, readonly files?: readonly string[] }
  | ProfileCommand & { readonly kind: 'ls' | 'status' | 'peers' | 'dht' }
  | ProfileCommand & { readonly kind: 'devices' }
  | ProfileCommand & { readonly kind: 'offers' }
  | ProfileCommand & {
    readonly kind: 'relay'
    /** What one relayed connection may carry: 'none' (no limit), or bytes; default signalling-sized (128 KiB, 2 minutes). */
    readonly dataLimit?: number | 'none'
    /** UDP addresses to answer STUN on ([] for none); default 0.0.0.0:3478. */
    readonly stunListen?: ReadonlyArray<{ readonly host: string, readonly port: number }>
  }
  | ProfileCommand & { readonly kind: 'dht-inspect', readonly view: DhtInspectView, readonly target?: string, readonly op?: LookupOp }
  | ProfileCommand & { readonly kind: 'doctor', readonly link: string }
  | ProfileCommand & { readonly kind: 'jobs', /** `jobs cancel ID`: the job to cancel. */ readonly cancel?: string }

export type CliCommandKind = CliCommand['kind']

const COMMANDS = [
  'daemon', 'relay', 'share', 'unshare', 'link', 'get', 'ls', 'jobs', 'status', 'peers', 'dht', 'doctor', 'ui', 'help',
  'devices', 'send', 'offers', 'accept', 'decline', 'pair', 'unpair'
] as const

/** Commands that never start a node, so node options mean nothing to them: they only read, or need the running node (like `jobs cancel`). */
const READ_ONLY: ReadonlySet<string> = new Set(['ls', 'jobs', 'status', 'peers', 'dht', 'ui', 'devices', 'send', 'offers', 'accept', 'decline', 'pair', 'unpair'])

/** What each command takes as positional arguments, and what it says when they are missing. */
const ARGUMENTS: Partial<Record<CliCommandKind, { readonly count: number, readonly missing: string, readonly optional?: boolean }>> = {
  share: { count: 1, missing: 'share needs the PATH of a file or folder.' },
  get: { count: 1, missing: 'get needs a LINK (peershare://… or a root CID).' },
  doctor: { count: 1, missing: 'doctor needs a LINK (peershare://… or a root CID).' },
  unshare: { count: 1, missing: 'unshare needs the ROOT of a share (`peershare ls` lists them).' },
  link: { count: 2, missing: 'link needs an action and a ROOT: `peershare link rotate ROOT`.' },
  send: { count: 1, missing: 'send needs the PATH of a file or folder, and --to DEVICE.' },
  accept: { count: 1, missing: 'accept needs the ID of an offer (`peershare offers` lists them).' },
  decline: { count: 1, missing: 'decline needs the ID of an offer (`peershare offers` lists them).' },
  pair: { count: 1, missing: '', optional: true },
  jobs: { count: 2, missing: '', optional: true },
  unpair: { count: 1, missing: 'unpair needs a paired DEVICE (its name or PeerId).' }
}

const OPTIONS = {
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  file: { type: 'string', multiple: true },
  listen: { type: 'string', multiple: true },
  announce: { type: 'string', multiple: true },
  bootstrap: { type: 'string', multiple: true },
  relay: { type: 'string', multiple: true },
  stun: { type: 'string', multiple: true },
  'no-mdns': { type: 'boolean' },
  'no-upnp': { type: 'boolean' },
  'no-relay-service': { type: 'boolean' },
  'data-limit': { type: 'string' },
  'stun-listen': { type: 'string', multiple: true },
  network: { type: 'string' },
  'upload-limit': { type: 'string' },
  'download-limit': { type: 'string' },
  'download-dir': { type: 'string' },
  'device-name': { type: 'string' },
  open: { type: 'boolean' },
  op: { type: 'string' },
  public: { type: 'boolean' },
  to: { type: 'string' },
  with: { type: 'string' }
} as const

/** The environment variables the CLI reads. */
export interface CliEnv {
  readonly PEERSHARE_PROFILE?: string
  readonly PEERSHARE_TEST_MISBEHAVE?: string
  readonly PEERSHARE_TEST_NAT?: string
}

/**
 * Parses `argv` (without the node and script paths). Relative paths are
 * resolved against `cwd`, since a daemon may run from anywhere else.
 */
export function parseCliArgs (argv: readonly string[], env: CliEnv = {}, cwd: string = process.cwd()): CliCommand {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (err) {
    throw new UsageError(parseErrorMessage(err))
  }
  const { values, positionals } = parsed
  const [name, ...rest] = positionals

  if (name === 'help') return { kind: 'help', topic: helpTopic(rest[0]) }
  if (values.help === true) return { kind: 'help', topic: helpTopic(name) }
  if (values.version === true) return { kind: 'version' }
  if (name == null) throw new UsageError('No command given.')
  if (!(COMMANDS as readonly string[]).includes(name)) throw new UsageError(`Unknown command "${name}".`)
  const kind = name as Exclude<CliCommandKind, 'help' | 'version' | 'dht-inspect'>

  const dhtView = kind === 'dht' ? parseDhtView(rest, values.op) : undefined
  if (values.op != null && kind !== 'dht') throw new UsageError('--op only applies to dht trace.')
  const wanted = ARGUMENTS[kind]
  if (wanted != null && wanted.optional !== true && rest.length < wanted.count) throw new UsageError(wanted.missing)
  if (kind === 'jobs' && rest.length > 0 && (rest[0] !== 'cancel' || rest.length !== 2)) throw new UsageError('jobs takes no argument, or `cancel ID`.')
  if (kind !== 'dht' && rest.length > (wanted?.count ?? 0)) throw new UsageError(`Unexpected argument "${rest[wanted?.count ?? 0]}" for ${kind}.`)
  if (kind === 'link' && rest[0] !== 'rotate') throw new UsageError(`Unknown link action "${rest[0]}": the one there is is \`peershare link rotate ROOT\`.`)
  if (values.public === true && kind !== 'share') throw new UsageError('--public only applies to share.')
  if (values.out != null && kind !== 'get' && kind !== 'accept') throw new UsageError('--out only applies to get and accept.')
  if (kind === 'send' && (values.to == null || values.to.trim() === '')) throw new UsageError('send needs --to DEVICE: a device\'s name or PeerId, as `peershare devices` lists it.')
  if (values.to != null && kind !== 'send') throw new UsageError('--to only applies to send.')
  if (values.with != null && kind !== 'pair') throw new UsageError('--with only applies to pair.')
  if (values.file != null && kind !== 'get') throw new UsageError('--file only applies to get.')
  if (values.open === true && kind !== 'daemon' && kind !== 'ui') throw new UsageError('--open only applies to daemon and ui.')
  if (values['data-limit'] != null && kind !== 'relay') throw new UsageError('--data-limit only applies to relay.')
  if (values['stun-listen'] != null && kind !== 'relay') throw new UsageError('--stun-listen only applies to relay.')

  if (values.profile === '') throw new UsageError('--profile needs a folder.')
  const profileArg = values.profile ?? (env.PEERSHARE_PROFILE === '' ? undefined : env.PEERSHARE_PROFILE)

  const node = parseNodeFlags(values, cwd)
  if (READ_ONLY.has(kind)) {
    const given = (Object.keys(node) as NodeOptionName[]).find(k => node[k] !== undefined)
    if (given != null) throw new UsageError(`${FLAG_OF[given]} only applies to daemon, share and get: ${kind} never starts a node.`)
  }

  const base: ProfileCommand = {
    profile: profileArg == null ? defaultProfileDir() : resolve(cwd, profileArg),
    json: values.json === true,
    node,
    announce: parseAnnounce(values.announce, kind),
    misbehave: parseMisbehave(env.PEERSHARE_TEST_MISBEHAVE),
    perFlowNat: parsePerFlowNat(env.PEERSHARE_TEST_NAT)
  }

  switch (kind) {
    case 'share':
      return { ...base, kind, path: resolve(cwd, rest[0]), public: values.public === true }
    case 'unshare':
      return { ...base, kind, root: rest[0] }
    case 'link':
      return { ...base, kind, action: 'rotate', root: rest[1] }
    case 'send':
      return { ...base, kind, path: resolve(cwd, rest[0]), to: values.to! }
    case 'accept':
      return { ...base, kind, id: rest[0], out: values.out == null ? undefined : resolve(cwd, values.out) }
    case 'decline':
      return { ...base, kind, id: rest[0] }
    case 'pair':
      return { ...base, kind, code: rest[0], with: values.with }
    case 'unpair':
      return { ...base, kind, device: rest[0] }
    case 'get':
      return { ...base, kind, link: rest[0], out: values.out == null ? undefined : resolve(cwd, values.out), files: values.file }
    case 'daemon':
    case 'ui':
      return { ...base, kind, open: values.open === true }
    case 'relay':
      return {
        ...base,
        kind,
        dataLimit: values['data-limit'] == null ? undefined : values['data-limit'] === 'none' ? 'none' : parseByteCount(values['data-limit'], '--data-limit', 'bytes, e.g. 1048576 or 64M, or none'),
        stunListen: values['stun-listen']?.flatMap(parseStunListen)
      }
    case 'doctor':
      return { ...base, kind, link: rest[0] }
    case 'jobs':
      return { ...base, kind, cancel: rest[1] }
    case 'dht':
      return dhtView == null ? { ...base, kind } : { ...base, kind: 'dht-inspect', ...dhtView }
    default:
      return { ...base, kind }
  }
}

/** The EngineInit for a command that starts the engine in this process. */
export function toEngineInit (command: ProfileCommand): EngineInit {
  const { node } = command
  const init: EngineInit = { profileDir: command.profile }
  if (node.listen != null) init.listen = [...node.listen]
  if (command.announce != null) init.announce = [...command.announce]
  if (node.bootstrap != null) init.bootstrap = [...node.bootstrap]
  if (node.relays != null) init.relays = [...node.relays]
  if (node.stun != null) init.stun = [...node.stun]
  if (node.upnp != null) init.upnp = node.upnp
  if (node.relayService != null) init.relayService = node.relayService
  if (node.mdns != null) init.mdns = node.mdns
  if (node.network != null) init.network = node.network
  if (node.uploadLimit != null) init.uploadLimit = node.uploadLimit
  if (node.downloadLimit != null) init.downloadLimit = node.downloadLimit
  if (node.downloadDir != null) init.downloadDir = node.downloadDir
  if (node.deviceName != null) init.deviceName = node.deviceName
  if (command.misbehave != null) init.chunkSourceDecorator = misbehavingSources(command.misbehave)
  if (command.perFlowNat === true) init.holePunch = false
  return init
}

/** The help topic a name asks for; undefined (the overview) for none, or a name that is no command. */
function helpTopic (name: string | undefined): HelpTopic | undefined {
  return (HELP_TOPICS as readonly string[]).includes(name ?? '') ? name as HelpTopic : undefined
}

/** node:util's parse errors, in this CLI's words (its own name an option in quotes that do not balance). */
function parseErrorMessage (err: unknown): string {
  const e = err as { code?: string, message?: string }
  const option = /'(-[^' ]+)/.exec(e.message ?? '')?.[1]
  if (option != null && e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option "${option}".`
  if (option != null && e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return e.message?.includes('argument missing') === true ? `${option} needs a value.` : `${option} takes no value.`
  }
  return e.message ?? String(err)
}

/** Parses a byte rate: a whole number, optionally with k, M or G (binary multiples). */
export function parseByteRate (text: string, option: string): number {
  return parseByteCount(text, option, 'bytes per second, e.g. 1048576 or 1M', true)
}

/** Parses a number of bytes, optionally with k, M or G (binary multiples); `perSecond` also accepts a "/s" suffix. */
export function parseByteCount (text: string, option: string, expected: string, perSecond = false): number {
  const match = (perSecond ? /^(\d+)\s*([kKmMgG])?(?:i?B)?(?:\/s)?$/ : /^(\d+)\s*([kKmMgG])?(?:i?B)?$/).exec(text.trim())
  if (match == null) throw new UsageError(`${option} takes ${expected} (got "${text}").`)
  const multiplier = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]?.toLowerCase() ?? ''] ?? 1
  const value = Number(match[1]) * multiplier
  if (!Number.isSafeInteger(value)) throw new UsageError(`${option} is too large.`)
  return value
}

/** --announce: daemon and relay only; each address checked like a listen address. */
function parseAnnounce (addrs: readonly string[] | undefined, kind: string): readonly string[] | undefined {
  if (addrs == null) return undefined
  if (kind !== 'daemon' && kind !== 'relay') throw new UsageError('--announce only applies to daemon and relay.')
  const mistake = checkNodeOption('listen', addrs)
  if (mistake != null) throw new UsageError(`--announce: ${mistake}`)
  return addrs
}

/** --stun-listen HOST:PORT (an IPv6 host in brackets), or none. */
function parseStunListen (text: string): Array<{ host: string, port: number }> {
  if (text === 'none') return []
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim())
  const port = Number(match?.[3])
  if (match == null || port > 65535) throw new UsageError(`--stun-listen takes HOST:PORT, e.g. 0.0.0.0:3478 (0: a free port), or none (got "${text}").`)
  return [{ host: match[1] ?? match[2], port }]
}

function parseNodeFlags (values: {
  listen?: string[]
  bootstrap?: string[]
  relay?: string[]
  stun?: string[]
  'no-mdns'?: boolean
  'no-upnp'?: boolean
  'no-relay-service'?: boolean
  network?: string
  'upload-limit'?: string
  'download-limit'?: string
  'download-dir'?: string
  'device-name'?: string
}, cwd: string): NodeOptions {
  const flags: NodeOptions = {
    listen: values.listen,
    bootstrap: values.bootstrap,
    relays: values.relay,
    stun: values.stun,
    mdns: values['no-mdns'] === true ? false : undefined,
    upnp: values['no-upnp'] === true ? false : undefined,
    relayService: values['no-relay-service'] === true ? false : undefined,
    network: values.network,
    uploadLimit: values['upload-limit'] == null ? undefined : parseByteRate(values['upload-limit'], '--upload-limit'),
    downloadLimit: values['download-limit'] == null ? undefined : parseByteRate(values['download-limit'], '--download-limit'),
    downloadDir: values['download-dir'] == null ? undefined : resolve(cwd, values['download-dir']),
    deviceName: values['device-name']
  }
  for (const [name, value] of Object.entries(flags)) {
    const mistake = value === undefined ? null : checkNodeOption(name as NodeOptionName, value)
    if (mistake != null) throw new UsageError(`${FLAG_OF[name as NodeOptionName]}: ${mistake}`)
  }
  return flags
}

/** The command-line option that sets each node option. */
const FLAG_OF: Readonly<Record<NodeOptionName, string>> = {
  listen: '--listen',
  bootstrap: '--bootstrap',
  relays: '--relay',
  stun: '--stun',
  upnp: '--no-upnp',
  relayService: '--no-relay-service',
  publicNetwork: '--network public',
  mdns: '--no-mdns',
  network: '--network',
  uploadLimit: '--upload-limit',
  downloadLimit: '--download-limit',
  downloadDir: '--download-dir',
  deviceName: '--device-name'
}

function parseMisbehave (value: string | undefined): Misbehaviour | undefined {
  if (value == null || value === '') return undefined
  if (isMisbehaviour(value)) return value
  throw new UsageError(`PEERSHARE_TEST_MISBEHAVE must be "corrupt" or "stall" (got "${value}"); it is a test-only switch.`)
}

function parsePerFlowNat (value: string | undefined): boolean | undefined {
  if (value == null || value === '') return undefined
  if (value === 'per-flow') return true
  throw new UsageError(`PEERSHARE_TEST_NAT must be "per-flow" (got "${value}"); it is a test-only switch.`)
}

/** Whether any node option was given (they only apply when the engine runs in this process). */
export function hasNodeFlags (flags: NodeOptions): boolean {
  return Object.values(flags).some(value => value !== undefined)
}
