/**
 * The CLI's usage text, printed by `peershare help` and after a usage error.
 * Defaults come from the engine's defaults module, which loads nothing of
 * the engine itself, so help stays fast.
 */
import { DEFAULT_NETWORK } from '../core/defaults.js'

/** Full usage text. */
export const USAGE = `Usage: peershare <command> --profile DIR [options]

Commands:
  daemon                 Run a node for the profile until Ctrl-C / SIGTERM; serves the
                         web UI on its loopback API address.
  share PATH             Share a file or folder and print its link: private (only the
                         link's holders can find and fetch it) unless --public. Hands it
                         to the profile's daemon if one runs; otherwise serves it from
                         this process until Ctrl-C.
  unshare ROOT           Stop sharing; the files stay where they are.
  link rotate ROOT       A new link for a private share; the old one is refused from now
                         on (peers that already downloaded it keep their files).
  devices                Nearby (found on this LAN) and paired devices, by name.
  send PATH --to DEVICE  Share PATH privately and offer it to a device (its name or
                         PeerId); it downloads once accepted there.
  offers                 Offers from other devices waiting for an answer.
  accept ID | decline ID Answer an offer: accept downloads it (--out DIR), decline
                         writes nothing.
  pair                   Show a one-time pairing code (and link) for another device.
  pair CODE --with DEVICE | pair LINK
                         Pair with the device that shows CODE (picked from Nearby by
                         name or PeerId), or whose pairing link this is.
  unpair DEVICE          Forget a paired device.
                         (The device commands need the profile's running node.)
  get LINK               Download a peershare:// link (or a public share's root CID) and
                         print the final path. Ctrl-C pauses; run the same command to
                         resume. Quote the link: it may hold a # and a &.
  ls                     Shares and downloads of the profile.
  status                 Health summary: addresses, connections, DHT, traffic.
  peers                  Connected peers.
  dht                    Routing table by bucket, provider records, announcements.
  ui                     Print the address that opens the running node's web UI
                         (with --open, open it in the browser).
  lab …                  A swarm of instances on this machine with one dashboard, for
                         testing (\`peershare lab help\`).
  help                   This text.

Options:
  --profile DIR          Profile directory (peer key, store, settings); created if
                         missing. Default: $PEERSHARE_PROFILE.
  --json                 Machine-readable output: one JSON line (daemon: its PeerId,
                         addresses and API URL, before anything else).
  --public               (share) Announce the share by its root: anyone who learns the
                         root can fetch it, as with a bare root CID.
  --out DIR              (get, accept) Where to save; default: the profile's download
                         folder.
  --file PATH            (get) Fetch only this file or folder of the share, as listed
                         in its manifest (e.g. album/disc2); repeat for more.
  --open                 (daemon, ui) Also open the web UI in the system browser. The
                         daemon always prints its address: PeerShare UI: http://…
  --announce MULTIADDR   (daemon) Address to announce to peers instead of the listen
                         addresses (e.g. a proxy in front of the node); repeatable.

Node options (daemon, and any command that starts the node in this process
because no daemon runs for the profile), for that run only: they win over the
profile's settings and are never saved:
  --listen MULTIADDR     Listen address; repeatable. Default: the profile's settings,
                         else /ip4/0.0.0.0/tcp/0 and /ip4/0.0.0.0/tcp/0/ws.
  --bootstrap MULTIADDR  Bootstrap peer (ending in /p2p/<id>); repeatable.
  --no-mdns              No mDNS discovery on the LAN.
  --network NAME         DHT network name; nodes only meet others on the same one.
                         Default: ${DEFAULT_NETWORK}.
  --upload-limit N       Upload cap in bytes per second (k, M, G suffixes: KiB, MiB,
                         GiB); 0 = none.
  --download-limit N     Download cap, likewise.
  --download-dir DIR     Default download folder.
  --device-name NAME     The name other devices see this one by. Default: the host
                         name, plus the profile's name unless it is the default one.

Environment:
  PEERSHARE_PROFILE      Default for --profile.
  PEERSHARE_TEST_MISBEHAVE=corrupt|stall
                         TEST ONLY: the node serves corrupted chunks or stalls, to
                         exercise integrity checks. Never set this otherwise.
  DEBUG=peershare:*      Debug logging.

Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted.
`

/** The first lines, shown after a usage error. */
export const SHORT_USAGE = `Usage: peershare daemon|share PATH|unshare ROOT|link rotate ROOT|get LINK|ls|status|peers|dht|ui|devices|send PATH --to DEVICE|offers|accept ID|decline ID|pair [CODE|LINK]|unpair DEVICE --profile DIR [--json] [options]
Run \`peershare help\` for the options.`
