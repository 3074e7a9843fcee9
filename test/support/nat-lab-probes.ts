/**
 * What a network engineer would look at in the NAT lab: a router's
 * connection-tracking table (which flows it translated, and to which public
 * port) and the bytes that crossed a host's wire. Tests use them to prove
 * where data went, not what the libp2p nodes claim about it.
 */
import { netnsExec } from './nat-lab.js'

/** One tracked flow, as the router saw it: the original direction and the reply direction. */
export interface ConntrackFlow {
  readonly protocol: 'tcp' | 'udp' | string
  /** e.g. 'ESTABLISHED' for TCP; undefined for UDP. */
  readonly state?: string
  readonly original: { src: string, dst: string, sport: number, dport: number }
  readonly reply: { src: string, dst: string, sport: number, dport: number }
  /** Whether the router has seen packets both ways ([ASSURED] or no [UNREPLIED]). */
  readonly replied: boolean
}

/**
 * The router's conntrack table. Uses `conntrack -L` (Debian package
 * conntrack) and falls back to /proc/net/nf_conntrack where the tool is missing.
 */
export async function readConntrack (netns: string): Promise<ConntrackFlow[]> {
  let text: string
  try {
    text = await netnsExec(netns, ['conntrack', '-L', '-o', 'extended'])
  } catch {
    text = await netnsExec(netns, ['cat', '/proc/net/nf_conntrack'])
  }
  return parseConntrack(text)
}

/** Parses `conntrack -L` or /proc/net/nf_conntrack lines into flows; unknown lines are skipped. */
export function parseConntrack (text: string): ConntrackFlow[] {
  const flows: ConntrackFlow[] = []
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/)
    // Both formats carry the protocol name before its number; /proc adds the family first.
    const at = words.findIndex(w => w === 'tcp' || w === 'udp' || w === 'icmp')
    if (at === -1) continue
    const pairs = words.filter(w => w.includes('=')).map(w => w.split('=') as [string, string])
    const pick = (key: string, nth: number): string | undefined => pairs.filter(([k]) => k === key)[nth]?.[1]
    const side = (nth: number): { src: string, dst: string, sport: number, dport: number } => ({
      src: pick('src', nth) ?? '', dst: pick('dst', nth) ?? '', sport: Number(pick('sport', nth) ?? 0), dport: Number(pick('dport', nth) ?? 0)
    })
    const state = words.find(w => /^[A-Z_]+$/.test(w) && w !== 'ASSURED')
    flows.push({
      protocol: words[at],
      state,
      original: side(0),
      reply: side(1),
      replied: line.includes('[ASSURED]') || !line.includes('[UNREPLIED]')
    })
  }
  return flows
}

/** The public (WAN-side) port a router gave a flow: the destination port of its reply direction. */
export function publicPort (flow: ConntrackFlow): number {
  return flow.reply.dport
}

/** Bytes received and sent on one interface of a namespace since it was made. */
export interface WireBytes { readonly rx: number, readonly tx: number }

/** The kernel's own counters for `ifname` in `netns`. */
export async function wireBytes (netns: string, ifname: string): Promise<WireBytes> {
  const out = await netnsExec(netns, ['cat', `/sys/class/net/${ifname}/statistics/rx_bytes`, `/sys/class/net/${ifname}/statistics/tx_bytes`])
  const [rx, tx] = out.trim().split('\n').map(Number)
  return { rx, tx }
}

/**
 * Counts the bytes that cross a host from now on: call the returned function
 * to read rx + tx since the call. Interface counters include every protocol
 * the host speaks (relay, STUN, identify, DHT), so the figure is an upper
 * bound on what relaying cost.
 */
export async function startByteCount (netns: string, ifname: string): Promise<() => Promise<number>> {
  const before = await wireBytes(netns, ifname)
  return async () => {
    const now = await wireBytes(netns, ifname)
    return (now.rx - before.rx) + (now.tx - before.tx)
  }
}
