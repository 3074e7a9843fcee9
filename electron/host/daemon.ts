/**
 * The headless daemon: one engine for a profile, its loopback API, and the
 * daemon file that lets other processes (the CLI, tests, a browser) find it,
 * held together from start to a clean stop on SIGINT or SIGTERM.
 */
import { createEngine, type Engine, type EngineInit } from '../core/index.js'
import type { DaemonInfo } from '../../shared/index.js'
import { findDaemon } from './api-client.js'
import { startOnProfilePort } from './api-port.js'
import { ApiServer } from './api-server.js'
import { DaemonAlreadyRunningError } from './errors.js'
import { loadOrCreateSecret, removeDaemonInfo, writeDaemonInfo } from './profile-secret.js'
import { revealInFolder } from './reveal-in-folder.js'
import { uiUrl } from './ui-files.js'

export interface RunDaemonOptions {
  /**
   * How to build the engine; `profileDir` is also where the daemon file and
   * secret live. Its `reveal` defaults to the platform's file manager.
   */
  engine: EngineInit
  /** API port on 127.0.0.1; default: the profile's port from its last run when free, else one the system picks. */
  apiPort?: number
  /** Folder of a built web UI to serve; default none. */
  staticDir?: string
  /** Stop on the first SIGINT or SIGTERM; default true. A second signal gets the default behaviour (the process dies). */
  handleSignals?: boolean
  /** Stops the daemon when aborted; default none. */
  signal?: AbortSignal
}

/** A running daemon. */
export interface RunningDaemon {
  /** What was written to the daemon file: pid, PeerId, dialable addresses, API URL. */
  readonly info: DaemonInfo
  /** The address that opens the web UI signed in (`…/#token=<secret>`), or null when no UI is served. */
  readonly uiUrl: string | null
  /** The engine in this process, for a host that also calls it directly. */
  readonly engine: Engine
  /** Stops the API, then the engine, then removes the daemon file; idempotent. */
  stop(): Promise<void>
  /** Settles once the daemon has stopped (by stop(), a signal or the abort signal). */
  readonly stopped: Promise<void>
}

/**
 * Starts a daemon for a profile: refuses if a live daemon already runs for
 * it, then starts the engine and the API and writes the daemon file.
 * Resolves once it is serving; `stopped` settles when it is done.
 */
export async function runDaemon (opts: RunDaemonOptions): Promise<RunningDaemon> {
  const profileDir = opts.engine.profileDir
  const secret = await loadOrCreateSecret(profileDir)

  const existing = await findDaemon(profileDir)
  if (existing != null) {
    existing.client.close()
    throw new DaemonAlreadyRunningError(profileDir, existing.info.pid)
  }

  const engine = createEngine({ ...opts.engine, reveal: opts.engine.reveal ?? (async path => { await revealInFolder(path) }) })
  let server: ApiServer | undefined
  try {
    await engine.start()
    server = await startOnProfilePort(profileDir, port => new ApiServer({ engine }, { secret, port, staticDir: opts.staticDir }), opts.apiPort)
  } catch (err) {
    await engine.stop().catch(() => {})
    throw err
  }
  const api = server

  const info: DaemonInfo = {
    pid: process.pid,
    peerId: engine.peerId,
    addrs: engine.listenAddrs(),
    api: api.url,
    ui: opts.staticDir != null
  }
  try {
    await writeDaemonInfo(profileDir, info)
  } catch (err) {
    await api.stop().catch(() => {})
    await engine.stop().catch(() => {})
    throw err
  }

  let stopping: Promise<void> | undefined
  let settle!: { resolve: () => void, reject: (err: unknown) => void }
  const stopped = new Promise<void>((resolve, reject) => { settle = { resolve, reject } })
  // A caller that only uses stop() need not also watch `stopped`.
  stopped.catch(() => {})

  const onSignal = (): void => { void stop().catch(() => {}) }
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']
  const removeSignalHandlers = (): void => {
    for (const sig of signals) process.off(sig, onSignal)
    opts.signal?.removeEventListener('abort', onSignal)
  }
  if (opts.handleSignals ?? true) for (const sig of signals) process.on(sig, onSignal)
  opts.signal?.addEventListener('abort', onSignal, { once: true })

  async function stop (): Promise<void> {
    if (stopping == null) {
      stopping = (async () => {
        removeSignalHandlers()
        const errors: unknown[] = []
        await api.stop().catch(err => errors.push(err))
        await engine.stop().catch(err => errors.push(err))
        await removeDaemonInfo(profileDir, { pid: process.pid }).catch(err => errors.push(err))
        if (errors.length > 0) throw errors[0]
      })()
      stopping.then(() => { settle.resolve() }, err => { settle.reject(err) })
    }
    await stopping
  }

  if (opts.signal?.aborted === true) onSignal()
  return { info, uiUrl: opts.staticDir != null ? uiUrl(api.url, secret) : null, engine, stop, stopped }
}
