/**
 * A profile keeps its API port: the loopback API listens on the port it
 * had the last time when that port is free, so a browser tab left open on
 * the UI finds its node again after a restart (the page reconnects by
 * itself). When another program took the port meanwhile, the system picks
 * a free one, and that one is remembered from then on.
 */
import { readFile } from 'node:fs/promises'
import { logger as createLogger } from '@libp2p/logger'
import { profilePath, writeFileAtomic } from '../core/index.js'
import type { ApiServer } from './api-server.js'

const logger = createLogger('peershare:host:api-port')

/** The port the profile's API listened on last, or null when none was kept (or the file makes no sense). */
export async function readApiPort (profileDir: string): Promise<number | null> {
  let text: string
  try {
    text = await readFile(profilePath(profileDir, 'apiPort'), 'utf8')
  } catch {
    return null
  }
  const port = Number(text.trim())
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null
}

/** Remembers the port the profile's API listens on. */
export async function writeApiPort (profileDir: string, port: number): Promise<void> {
  await writeFileAtomic(profilePath(profileDir, 'apiPort'), `${port}\n`)
}

/**
 * Starts the API server `serverOn(port)` builds: on `port` when one is given
 * (taken or not: the caller asked for it), else on the profile's remembered
 * port, falling back to any free port when that one is in use. The port it
 * got is remembered for the next start.
 */
export async function startOnProfilePort (profileDir: string, serverOn: (port: number) => ApiServer, port?: number): Promise<ApiServer> {
  let server: ApiServer
  if (port != null) {
    server = serverOn(port)
    await server.start()
  } else {
    const remembered = await readApiPort(profileDir)
    server = serverOn(remembered ?? 0)
    try {
      await server.start()
    } catch (err) {
      if (remembered == null || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
      logger('port %d is taken; the API listens on another one', remembered)
      server = serverOn(0)
      await server.start()
    }
  }
  await writeApiPort(profileDir, server.port).catch(err => {
    // The API works all the same; only the next start may land on another port.
    logger.error('cannot remember the API port: %s', (err as Error).message)
  })
  return server
}
