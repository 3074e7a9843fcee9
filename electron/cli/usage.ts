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
  share PATH             Share a file or folder and print its link. Hands it to the
                         profile's daemon if one runs; otherwise serves it from this
                         process until Ctrl-C. Shows hashing progress; Ctrl-C while
                         hashing cancels it and keeps nothing.
  jobs                   Share jobs running and recently ended (files and bytes hashed,
                         rate, ETA).
  jobs cancel ID         Cancel a share job: hashing stops and nothing of it is kept.
  get LINK               Download a peershare:// link (or a root CID) and print the
                         final path. Ctrl-C pauses; run the same command to resume.
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
                         addresses and API URL, before anything else; share: the
                         share job, one line per update, the last one with the share).
  --out DIR              (get) Where to save; default: the profile's download folder.
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

Environment:
  PEERSHARE_PROFILE      Default for --profile.
  PEERSHARE_TEST_MISBEHAVE=corrupt|stall
                         TEST ONLY: the node serves corrupted chunks or stalls, to
                         exercise integrity checks. Never set this otherwise.
  DEBUG=peershare:*      Debug logging.

Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted.
`

/** The first lines, shown after a usage error. */
export const SHORT_USAGE = `Usage: peershare daemon|share PATH|get LINK|ls|jobs|status|peers|dht|ui --profile DIR [--json] [options]
Run \`peershare help\` for the options.`
