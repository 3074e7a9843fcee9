/**
 * The contract (shared/api.ts) bound to a running engine's parts. Every
 * command but inspectLink needs the engine running; one wrapper says so
 * instead of each command checking. showInFolder is the host's to
 * do: the engine finds the files, the host's `reveal` shows them.
 */
import { CID } from 'multiformats/cid'
import { locatorOf, proverOf } from '../access/index.js'
import { LOOKUP_TIMEOUT } from '../defaults.js'
import { lookupManifest, shareInfoOf } from '../discovery/lookup.js'
import { BadRequestError, NoConnectionsError } from '../errors.js'
import { listFolder } from '../local-files/index.js'
import { dhtView, healthView, peerViews } from './health-views.js'
import { inspectorCommands } from './inspector-api.js'
import { checkLink } from './links.js'
import { rotateLink, share, unshare } from './sharing.js'
import { acceptOffer, declineOffer, listDevices, listOffers, pair, sendTo, setAutoAccept, startPairing, unpair } from './device-commands.js'
import type { EngineParts } from './parts.js'
import type { ApiCommandName, ApiRequest, ApiResponse, PeerShareApi, ShareInfoView } from '../../../shared/index.js'

/** A command of the contract, given the running engine's parts. */
type RunningCommand<K extends ApiCommandName> = (parts: EngineParts, req: ApiRequest<K>) => Promise<ApiResponse<K>>

/**
 * The contract on the parts `running()` returns, or a BadRequestError while
 * it returns none. `reveal` is the host's way to show a file in a file manager.
 */
export function bindApi (running: () => EngineParts | undefined, reveal?: (path: string) => Promise<void>): PeerShareApi {
  const whenRunning = <K extends ApiCommandName>(command: RunningCommand<K>) => async (req: ApiRequest<K>): Promise<ApiResponse<K>> => {
    const parts = running()
    if (parts == null) throw new BadRequestError('PeerShare is not running.')
    return await command(parts, req)
  }
  return {
    status: whenRunning<'status'>(async parts => healthView(parts)),
    shares: whenRunning<'shares'>(async parts => parts.library.views(parts.linkFor)),
    share: whenRunning<'share'>(async (parts, req) => await share(parts, req)),
    shareJobs: whenRunning<'shareJobs'>(async ({ shareJobs }) => shareJobs.list()),
    cancelShareJob: whenRunning<'cancelShareJob'>(async ({ shareJobs }, req) => await shareJobs.cancel(req?.id)),
    unshare: whenRunning<'unshare'>(async (parts, req) => await unshare(parts, req?.root)),
    rotateLink: whenRunning<'rotateLink'>(async (parts, req) => await rotateLink(parts, req?.root)),
    transfers: whenRunning<'transfers'>(async parts => parts.transfers.views()),
    download: whenRunning<'download'>(async ({ transfers, settings }, req) => await transfers.download(checkLink(req?.link), req ?? {}, settings.current.downloadDir)),
    lookup: whenRunning<'lookup'>(lookup),
    pause: whenRunning<'pause'>(async ({ transfers }, req) => {
      const t = transfers.get(req?.id)
      await t.pause()
      return t.view()
    }),
    resume: whenRunning<'resume'>(async ({ transfers }, req) => {
      const t = transfers.get(req?.id)
      t.start()
      return t.view()
    }),
    cancel: whenRunning<'cancel'>(async ({ transfers }, req) => transfers.cancel(req?.id)),
    forget: whenRunning<'forget'>(async ({ transfers }, req) => await transfers.forget(req?.id)),
    showInFolder: whenRunning<'showInFolder'>(async ({ transfers }, req) => {
      const path = await transfers.finishedPath(req?.id)
      if (reveal == null) throw new BadRequestError(`This PeerShare has no file manager to show it in; it is at ${path}.`)
      await reveal(path)
      return { path }
    }),
    browse: whenRunning<'browse'>(async (_parts, req) => {
      if (req?.path != null && typeof req.path !== 'string') throw new BadRequestError('browse takes the path of a folder.')
      return await listFolder(req?.path ?? '')
    }),
    peers: whenRunning<'peers'>(async parts => peerViews(parts)),
    dht: whenRunning<'dht'>(async parts => dhtView(parts)),
    settings: whenRunning<'settings'>(async parts => parts.settings.view()),
    updateSettings: whenRunning<'updateSettings'>(async (parts, req) => parts.settings.update(req)),
    inspectLink: async req => checkLink(req?.link),
    devices: whenRunning<'devices'>(async parts => listDevices(parts)),
    sendTo: whenRunning<'sendTo'>(sendTo),
    offers: whenRunning<'offers'>(async parts => listOffers(parts)),
    acceptOffer: whenRunning<'acceptOffer'>(acceptOffer),
    declineOffer: whenRunning<'declineOffer'>(async (parts, req) => declineOffer(parts, req)),
    startPairing: whenRunning<'startPairing'>(async parts => startPairing(parts)),
    pair: whenRunning<'pair'>(pair),
    unpair: whenRunning<'unpair'>(unpair),
    setAutoAccept: whenRunning<'setAutoAccept'>(setAutoAccept),
    ...inspectorCommands(whenRunning)
  }
}

/**
 * The manifest of a link's share: from a download or share of ours, else
 * from the first peer that has it. A bare root on a node connected to
 * nobody is answered at once: there is nobody to ask.
 */
async function lookup ({ transfers, library, finder, paths, kad, dialer, node }: EngineParts, req: ApiRequest<'lookup'>): Promise<ShareInfoView> {
  const info = checkLink(req?.link)
  const local = transfers.find(info.root)?.knownManifest() ?? library.manifestOf(info.root)
  if (local != null) return shareInfoOf(info.root, local, 1)
  const signal = AbortSignal.timeout(LOOKUP_TIMEOUT)
  if (info.peers.length === 0 && await dialer.settled({ signal })) throw new NoConnectionsError(info.root, info.name)
  const root = CID.parse(info.root)
  const found = await lookupManifest({ finder, dialer: paths }, root, info.peers, {
    signal,
    searchDht: kad.routingTableSize() > 0,
    name: info.name,
    ...(info.secret == null ? {} : { dhtKey: locatorOf(info.secret, root), prove: proverOf(info.secret, root, node.peerId.toString()) })
  })
  return shareInfoOf(info.root, found.manifest, found.providers)
}
