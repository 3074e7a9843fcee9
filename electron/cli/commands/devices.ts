/**
 * The device commands: `devices` (nearby and paired, by name), `send PATH
 * --to DEVICE`, `offers`, `accept ID`, `decline ID`, `pair` (show a code),
 * `pair CODE --with DEVICE` or `pair LINK`, and `unpair DEVICE`. Offers and
 * open pairing codes live in the running node, and Nearby is what its mDNS
 * has seen, so these talk to the profile's running node and say how to
 * start one when none runs.
 */
import { formatBytes, type DeviceView, type OfferView } from '../../../shared/index.js'
import { findDaemon, type ApiClient } from '../../host/index.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'
import { formatTable } from '../table.js'
import type { CliCommand, ProfileCommand } from '../args.js'

/** A device command was run with no node running for the profile. */
export class NoRunningNodeError extends Error {
  constructor (profile: string, command: string) {
    super(`No PeerShare runs for ${profile}: \`${command}\` needs the running node (its Nearby list, offers and pairing codes live there). Start it with \`peershare daemon --profile ${profile}\` or the app, then run this again.`)
    this.name = 'NoRunningNodeError'
  }
}

type DeviceCommand = Extract<CliCommand, { kind: 'devices' | 'send' | 'offers' | 'accept' | 'decline' | 'pair' | 'unpair' }>

/** Runs one device command against the running node; resolves with the exit code. */
export async function devicesCommand (command: DeviceCommand, io: CliIo): Promise<number> {
  return await withRunningNode(command, async api => {
    switch (command.kind) {
      case 'devices': {
        const devices = await api.devices({})
        if (command.json) printJson(io, devices)
        else for (const line of devicesLines(devices)) printLine(io, line)
        return 0
      }
      case 'send': {
        const sent = await api.sendTo({ path: command.path, to: command.to })
        if (command.json) printJson(io, sent)
        else printNote(io, `Offered "${sent.share.name}" (${formatBytes(sent.share.size)}) to ${sent.device.name}; it downloads once accepted there. Shared privately: ${sent.share.link}`)
        return 0
      }
      case 'offers': {
        const offers = await api.offers({})
        if (command.json) printJson(io, offers)
        else for (const line of offersLines(offers)) printLine(io, line)
        return 0
      }
      case 'accept': {
        const transfer = await api.acceptOffer({ id: command.id, outDir: command.out })
        if (command.json) printJson(io, transfer)
        else printNote(io, `Accepted: downloading "${transfer.name}" into ${transfer.outDir} (\`peershare ls\` shows its progress).`)
        return 0
      }
      case 'decline': {
        const result = await api.declineOffer({ id: command.id })
        if (command.json) printJson(io, result)
        else printNote(io, 'Declined: nothing was downloaded.')
        return 0
      }
      case 'pair': {
        if (command.code == null) {
          const invitation = await api.startPairing({})
          if (command.json) {
            printJson(io, invitation)
            return 0
          }
          printLine(io, invitation.code)
          printNote(io, `On the other device: \`peershare pair ${invitation.code} --with "<this device's name>"\`, or \`peershare pair '${invitation.link}'\`. Works once, until ${new Date(invitation.expiresAt).toLocaleTimeString()}.`)
          return 0
        }
        const device = await api.pair({ code: command.code, device: command.with })
        if (command.json) printJson(io, device)
        else printNote(io, `Paired with ${device.name} (${device.peerId}).`)
        return 0
      }
      case 'unpair': {
        const device = (await api.devices({})).find(d => d.peerId === command.device || d.name.toLowerCase() === command.device.toLowerCase())
        const result = await api.unpair({ peerId: device?.peerId ?? command.device })
        if (command.json) printJson(io, result)
        else printNote(io, `Unpaired from ${device?.name ?? result.peerId}.`)
        return 0
      }
    }
  })
}

async function withRunningNode (command: ProfileCommand & { readonly kind: string }, fn: (api: ApiClient) => Promise<number>): Promise<number> {
  const found = await findDaemon(command.profile)
  if (found == null) throw new NoRunningNodeError(command.profile, command.kind)
  try {
    return await fn(found.client)
  } finally {
    found.client.close()
  }
}

/** The devices table, or a line saying there are none. */
export function devicesLines (devices: readonly DeviceView[]): string[] {
  if (devices.length === 0) return ['No devices: PeerShare nodes on this LAN appear once mDNS finds them; pair with others (`peershare pair`).']
  return formatTable(
    [{ header: 'NAME' }, { header: 'NEARBY' }, { header: 'PAIRED' }, { header: 'ONLINE' }, { header: 'AUTO-ACCEPT' }, { header: 'PEER' }],
    devices.map(d => [d.name, d.nearby ? 'yes' : '-', d.paired ? 'yes' : '-', d.online ? `yes (${d.path ?? '?'})` : 'no', d.paired ? (d.autoAccept ? 'yes' : 'no') : '-', d.peerId])
  )
}

/** The offers table, or a line saying there are none. */
export function offersLines (offers: readonly OfferView[]): string[] {
  if (offers.length === 0) return ['No offers waiting.']
  return formatTable(
    [{ header: 'ID' }, { header: 'FROM' }, { header: 'NAME' }, { header: 'SIZE', align: 'right' }, { header: 'FILES', align: 'right' }],
    offers.map(o => [o.id, o.fromName, o.name, formatBytes(o.size), String(o.fileCount)])
  )
}
