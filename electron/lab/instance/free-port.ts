/**
 * Free TCP ports on 127.0.0.1 for addresses the lab must know before the
 * instance that binds them starts (a daemon's private listen port, an
 * in-process engine's port). They are picked below the system's ephemeral
 * range, so no socket that binds port 0 meanwhile (an API server, another
 * test) can take one between the check and the bind.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** Where the system hands out ports for bind(0); Linux's default when it cannot be read. */
function ephemeralRange (): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number)
    if (low > 0 && high >= low) return [low, high]
  } catch {}
  return [32768, 60999]
}

/** Whether `port` can be bound on 127.0.0.1 now. */
async function canBind (port: number): Promise<boolean> {
  const server = createServer()
  return await new Promise<boolean>(resolve => {
    server.once('error', () => { resolve(false) })
    server.listen(port, '127.0.0.1', () => { server.close(() => { resolve(true) }) })
  })
}

const taken = new Set<number>()

/** A free loopback port outside the ephemeral range, not handed out before by this process. */
export async function freeLoopbackPort (): Promise<number> {
  const [low] = ephemeralRange()
  const top = low > 12_000 ? low : 65_536
  const bottom = low > 12_000 ? 10_000 : Math.max(10_000, ephemeralRange()[1] + 1)
  for (let tries = 0; tries < 200; tries++) {
    const port = bottom + Math.floor(Math.random() * (top - bottom))
    if (taken.has(port)) continue
    if (await canBind(port)) {
      taken.add(port)
      return port
    }
  }
  throw new Error('No free loopback port found below the ephemeral range')
}
