/**
 * How `peershare get` reaches the engine of its profile: through the
 * profile's daemon when a live one runs, else by starting the engine in this
 * process for as long as the command needs it, as a transient node (a DHT
 * client that announces nothing, so nothing points at it once it is gone).
 * Either way the command sees the same contract and the same events.
 */
import { createEngine, type Engine } from '../core/index.js'
import type { PeerShareApi, PeerShareEvent } from '../../shared/index.js'
import { findDaemon, type ApiClient } from '../host/index.js'
import { hasNodeFlags, toEngineInit, type ProfileCommand } from './args.js'
import { printNote, type CliIo } from './io.js'

/** A command's handle on the engine. */
export interface Session {
  /** 'daemon': calls go to the profile's daemon; 'in-process': an engine runs in this process. */
  readonly mode: 'daemon' | 'in-process'
  readonly api: PeerShareApi
  /** Streams events; `onClose` is called if the stream ends on its own (the daemon went away). */
  subscribe(listener: (event: PeerShareEvent) => void, onClose?: (error?: Error) => void): Promise<() => void>
  /** Lets go: closes the client, or stops the in-process engine. */
  close(): Promise<void>
}

/** Connects to the profile's daemon, or starts a transient engine here when none runs. */
export async function openSession (command: ProfileCommand, io: CliIo): Promise<Session> {
  const daemon = await findDaemon(command.profile)
  if (daemon != null) {
    if (hasNodeFlags(command.node)) printNote(io, `A daemon runs for this profile (pid ${daemon.info.pid}); node options on this command line are ignored.`)
    return daemonSession(daemon.client)
  }
  const engine = createEngine({ ...toEngineInit(command), transient: true })
  try {
    await engine.start()
  } catch (err) {
    await engine.stop().catch(() => {})
    throw err
  }
  return engineSession(engine)
}

/** A session over a daemon's API client. */
export function daemonSession (client: ApiClient): Session {
  return {
    mode: 'daemon',
    api: client,
    subscribe: async (listener, onClose) => await client.subscribe(listener, { onClose }),
    close: async () => { client.close() }
  }
}

/** A session over an engine already started in this process; close() stops it. */
export function engineSession (engine: Engine): Session {
  let closing: Promise<void> | undefined
  return {
    mode: 'in-process',
    api: engine.api,
    subscribe: async listener => engine.subscribe(listener),
    close: async () => {
      closing ??= engine.stop()
      await closing
    }
  }
}
