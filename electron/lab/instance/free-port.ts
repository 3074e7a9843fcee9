/**
 * A free TCP port on 127.0.0.1 for an instance's private listen address,
 * picked by the system. The lab must know the port before the daemon
 * starts, since the daemon only reports the (proxy) address it announces.
 */
import { createServer } from 'node:net'

/** Asks the system for a free loopback port and releases it at once. */
export async function freeLoopbackPort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => { resolve() })
  })
  const address = server.address()
  const port = typeof address === 'object' && address != null ? address.port : 0
  await new Promise<void>(resolve => server.close(() => { resolve() }))
  if (port === 0) throw new Error('The system gave no free port')
  return port
}
