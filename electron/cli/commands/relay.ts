/**
 * `peershare relay`: runs a dedicated relay, bootstrap and STUN node for
 * the profile until SIGINT or SIGTERM (docs/relay.md shows how to run it as
 * a service). First says who it is and where it listens: the address to
 * give others as --relay and --bootstrap, and its STUN server as --stun.
 */
import { startRelayNode } from '../../core/index.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'
import type { CliCommand } from '../args.js'

type RelayCommand = Extract<CliCommand, { kind: 'relay' }>

/** Runs the relay; resolves with the exit code once it has stopped cleanly. */
export async function relayCommand (command: RelayCommand, io: CliIo): Promise<number> {
  // Listening for the signals before anything is printed: whoever reads the first line may stop it at once.
  const signalled = new Promise<void>(resolve => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      resolve()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
  const relay = await startRelayNode({
    profileDir: command.profile,
    listen: command.node.listen,
    announce: command.announce,
    dataLimit: command.dataLimit,
    stunListen: command.stunListen,
    network: command.node.network
  })
  const stun = relay.stun.map(s => `stun:${s.host.includes(':') ? `[${s.host}]` : s.host}:${s.port}`)
  if (command.json) {
    printJson(io, { peerId: relay.peerId, addrs: relay.addrs(), stun, network: relay.network })
  } else {
    printLine(io, `PeerId: ${relay.peerId}`)
    printLine(io, 'Relay and bootstrap addresses (give one to others as --relay or --bootstrap):')
    for (const addr of relay.addrs()) printLine(io, `  ${addr}`)
    if (relay.addrs().length === 0) printNote(io, 'No public address yet: pass --announce /ip4/<public IP>/tcp/<port> so others can be told one at once.')
    printLine(io, stun.length === 0 ? 'STUN: off' : `STUN: ${stun.join(', ')}`)
    printLine(io, `Network: ${relay.network}`)
    printNote(io, 'Running; press Ctrl-C to stop.')
  }
  await signalled
  await relay.stop()
  if (!command.json) printNote(io, 'Stopped.')
  return 0
}
