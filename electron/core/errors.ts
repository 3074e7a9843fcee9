/**
 * Named errors of the engine. Each carries a contract error code and a
 * default message that tells a person what to do next; `toErrorBody` turns
 * any error into the `{ code, message }` that crosses the edge.
 */
import { InvalidLinkError, shortPeerId, type ApiErrorBody, type ErrorCode, isErrorCode } from '../../shared/index.js'

/** Base class: an error with a contract code. */
export class PeerShareError extends Error {
  readonly code: ErrorCode
  constructor (code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
    this.name = 'PeerShareError'
  }
}

export class BadRequestError extends PeerShareError {
  constructor (message = 'The request is malformed.') { super('bad-request', message); this.name = 'BadRequestError' }
}

export class NotFoundError extends PeerShareError {
  constructor (message = 'No such share or transfer.') { super('not-found', message); this.name = 'NotFoundError' }
}

export class PathNotFoundError extends PeerShareError {
  constructor (path: string) { super('path-not-found', `Nothing to share at ${path}: check the path exists and is readable.`); this.name = 'PathNotFoundError' }
}

/** A manifest names a path that would escape the download folder. */
export class UnsafePathError extends PeerShareError {
  constructor (path: string) { super('unsafe-path', `The share names an unsafe path "${path.slice(0, 200)}" (absolute, "..", a drive letter, a backslash, a colon or a control character, or a name too long for common filesystems); it was refused and nothing was written.`); this.name = 'UnsafePathError' }
}

/** A manifest that cannot be decoded, whose hash does not match its root, or whose fields are inconsistent. */
export class ManifestInvalidError extends PeerShareError {
  constructor (message: string) { super('manifest-invalid', `The share's manifest is invalid: ${message}`); this.name = 'ManifestInvalidError' }
}

/** A manifest or message that claims more than PeerShare accepts; refused before anything is allocated. */
export class ManifestTooLargeError extends PeerShareError {
  constructor (message: string) { super('too-large', message); this.name = 'ManifestTooLargeError' }
}

/**
 * A block of a share's manifest (a listing page or a piece of chunk hashes)
 * whose bytes do not hash to the digest its parent names: the peer that sent
 * it is refused as one that sends a bad chunk is.
 */
export class BlockMismatchError extends PeerShareError {
  readonly from: string
  constructor (what: string, from: string) {
    super('manifest-invalid', `The share's manifest is invalid: ${what} from ${from} does not match the part of the manifest that names it; it was refused.`)
    this.name = 'BlockMismatchError'
    this.from = from
  }
}

/** A chunk whose bytes do not hash to what the manifest says. */
export class ChunkIntegrityError extends PeerShareError {
  constructor (index: number, from: string) { super('transfer-failed', `Chunk ${index} from ${from} failed verification and was discarded.`); this.name = 'ChunkIntegrityError' }
}

/** Every peer that has the share sent chunks that failed verification and was banned; nobody else has it. */
export class SourcesBannedError extends PeerShareError {
  constructor (peers: ReadonlyArray<{ peerId: string, badChunks: number }>) {
    const who = peers.map(p => `${p.peerId} (${p.badChunks} bad chunk${p.badChunks === 1 ? '' : 's'})`).join(', ')
    const only = peers.length === 1 ? 'The only peer that has this share' : `All ${peers.length} peers that have this share`
    super('transfer-failed', `${only} sent chunks that failed verification and ${peers.length === 1 ? 'was' : 'were'} banned from this download: ${who}. Its copy is damaged, or it is misbehaving, and no other peer was found. Ask the sharer to check the file and share it again, or find another source, then resume; verified chunks are kept.`)
    this.name = 'SourcesBannedError'
  }
}

/** How a share is named in a message: by its name when known, always with its root. */
function shareLabel (root: string, name?: string): string {
  return name == null || name === '' ? root : `"${name.slice(0, 200)}" (${root})`
}

/**
 * Nobody answered for a root. A private share looks exactly like this to
 * anyone without its link (no peer tells), so without a secret the message
 * says what a person can try either way.
 */
export class NoProvidersError extends PeerShareError {
  /**
   * `next` is what to do once the sharer is back: 'try again' for a lookup,
   * 'resume' for a download; `withSecret`, whether the link was a private one.
   */
  constructor (root: string, name?: string, next = 'try again', withSecret = false) {
    super('no-providers', withSecret
      ? `No peer serving ${shareLabel(root, name)} with this link could be found. Check that the sharer is online and reachable, then ${next}; if the sharer made a new link for it (rotated), the old one no longer opens it: ask for the new link.`
      : `No peer serving ${shareLabel(root, name)} could be found. If it is a private share, its root alone opens nothing: ask the sharer for its full link (it ends in #k=…). Otherwise check that the sharer is online and reachable, then ${next}.`)
    this.name = 'NoProvidersError'
  }
}

/**
 * A share was asked for by its bare root (no addresses to dial) while this
 * node is connected to nobody, so there is nobody to ask. Not the link's
 * fault: the message says how to get connected.
 */
export class NoConnectionsError extends PeerShareError {
  constructor (root: string, name?: string) {
    super('no-connections', `This node has no connections, so it cannot ask anyone for ${shareLabel(root, name)}. ` +
      'Connect it to a network first: add a bootstrap address in Settings (or start with --bootstrap), ' +
      'put it on a LAN with another PeerShare node (mDNS finds it), or use a link that carries the sharer\'s addresses.')
    this.name = 'NoConnectionsError'
  }
}

/**
 * The peers that hold the data can be reached only through relays that
 * limit each connection (signalling-sized: 128 KiB, 2 minutes), and no
 * direct path to them could be made.
 */
export class RelayLimitedError extends PeerShareError {
  readonly peer: string
  constructor (peer: string, relay: string, limit: string) {
    super('unreachable', `The sharer (${shortPeerId(peer)}) can only be reached through relay ${shortPeerId(relay)}, which limits each connection to ${limit}, ` +
      'and no direct path could be made (a hole punch failed: a NAT in between most likely gives every connection a new port). ' +
      'Use a relay that carries data (run `peershare relay --data-limit none` on a server and add it with --relay or in Settings → Relays on both sides), ' +
      'or share from a network with a direct path (a public address, or UPnP on the router); verified chunks are kept, so resume after that.')
    this.name = 'RelayLimitedError'
    this.peer = peer
  }
}

/** The sharer's addresses are all private (behind a NAT) and neither side has a relay to reach it through. */
export class BehindNatNoRelayError extends PeerShareError {
  readonly peer: string
  constructor (peer: string, addrs: readonly string[]) {
    super('unreachable', `The sharer (${shortPeerId(peer)}) is behind a NAT and no relay is configured, so nothing outside its network can reach it` +
      `${addrs.length > 0 ? ` (it gave only private addresses: ${addrs.slice(0, 2).join(', ')})` : ''}. ` +
      'Run `peershare relay` on a server and add it on both sides (--relay, or Settings → Relays), or turn on UPnP on the sharer\'s router; then resume.')
    this.name = 'BehindNatNoRelayError'
    this.peer = peer
  }
}

/** The sharer's relay says the sharer is not connected to it: it is offline (or moved to another relay). */
export class SharerOfflineError extends PeerShareError {
  readonly peer: string
  constructor (peer: string, relay?: string) {
    super('no-providers', `The sharer (${shortPeerId(peer)}) is offline${relay == null ? '' : `: its relay ${shortPeerId(relay)} says it is not connected there`}. ` +
      'Resume once the sharer is back online; verified chunks are kept.')
    this.name = 'SharerOfflineError'
    this.peer = peer
  }
}

/**
 * A peer's relayed connection was closed because a direct one to it now
 * exists: what ran on the relayed one carries on over the direct one.
 */
export class PathUpgradedError extends PeerShareError {
  constructor (peer: string) { super('aborted', `The connection to ${shortPeerId(peer)} moved from a relay to a direct path.`); this.name = 'PathUpgradedError' }
}

export class DiskFullError extends PeerShareError {
  constructor (dir: string, options?: ErrorOptions) { super('disk-full', `The disk holding ${dir} is full. Free some space there, then resume the download; verified chunks are kept.`, options); this.name = 'DiskFullError' }
}

export class WriteFailedError extends PeerShareError {
  constructor (dir: string, cause: unknown) { super('write-failed', `Could not write into ${dir}: ${(cause as Error)?.message ?? String(cause)}. Check permissions, then resume.`, { cause }); this.name = 'WriteFailedError' }
}

/** A shared file changed on disk after it was shared. */
export class ShareStaleError extends PeerShareError {
  constructor (path: string) { super('share-stale', `${path} changed on disk after it was shared; its old chunks are no longer served. Share it again to serve the new content.`); this.name = 'ShareStaleError' }
}

export class AbortedError extends PeerShareError {
  constructor (message = 'The operation was aborted.') { super('aborted', message); this.name = 'AbortedError' }
}

/** Turns any error into the wire form. */
export function toErrorBody (err: unknown): ApiErrorBody {
  if (err instanceof PeerShareError) return { code: err.code, message: err.message }
  if (err instanceof InvalidLinkError) return { code: 'invalid-link', message: err.message }
  const e = err as { code?: unknown, message?: unknown, name?: unknown }
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return { code: 'aborted', message: String(e.message ?? 'aborted') }
  if (isErrorCode(e?.code)) return { code: e.code, message: String(e.message) }
  return { code: 'internal', message: typeof e?.message === 'string' ? e.message : String(err) }
}

/** Whether an error came from the caller aborting (not worth logging as a failure). */
export function isAbort (err: unknown): boolean {
  const name = (err as Error)?.name
  return name === 'AbortError' || name === 'AbortedError'
}
