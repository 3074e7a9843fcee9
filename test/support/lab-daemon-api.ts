/**
 * Runs inside a lab namespace next to a PeerShare daemon and carries the
 * test's calls to its loopback API (which only that namespace can reach):
 * one JSON line per command on stdin, the answer on stdout, and the
 * daemon's transfer and peer events as they happen (line-channel.ts).
 *
 * Usage: node lab-daemon-api.js PROFILE_DIR
 */
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { findDaemon } from '../../electron/host/index.js'
import { isApiCommand } from '../../shared/index.js'

const started = Date.now()
const profile = process.argv[2] ?? ''

function emit (message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...message, at: Date.now() - started })}\n`)
}

async function main (): Promise<void> {
  let found = await findDaemon(profile)
  for (let i = 0; found == null && i < 120; i++) {
    await sleep(250)
    found = await findDaemon(profile)
  }
  if (found == null) throw new Error(`no daemon runs for ${profile}`)
  const { client, info } = found
  await client.subscribe(event => {
    if (event.kind === 'transfer' || event.kind === 'peer-connected' || event.kind === 'peer-disconnected') emit({ event: event.kind, detail: event })
  })
  createInterface({ input: process.stdin }).on('line', line => {
    let request: Record<string, unknown>
    try {
      request = JSON.parse(line)
    } catch {
      return
    }
    const { id, cmd, ...req } = request
    if (!isApiCommand(cmd)) {
      emit({ id, ok: false, error: `unknown command ${String(cmd)}` })
      return
    }
    (client[cmd] as (r: unknown) => Promise<unknown>)(req).then(
      result => { emit({ id, ok: true, result }) },
      (err: Error) => { emit({ id, ok: false, error: `${(err as { code?: string }).code ?? err.name}: ${err.message}` }) }
    )
  }).on('close', () => {
    client.close()
    process.exit(0)
  })
  emit({ event: 'ready', peerId: info.peerId })
}

main().catch(err => {
  process.stderr.write(`lab API driver failed: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
