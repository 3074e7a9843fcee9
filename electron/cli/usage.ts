/**
 * The CLI's help: the overview `peershare help` prints, each command's own
 * (`peershare CMD --help`), and the short usage shown after a mistake.
 * Defaults come from the engine's defaults module and the default profile,
 * which load nothing of the engine itself, so help stays fast.
 */
import { DEFAULT_NETWORK } from '../core/defaults.js'
import { defaultProfileDir } from './default-profile.js'

/** The commands that have help of their own. */
export const HELP_TOPICS = ['daemon', 'share', 'get', 'ls', 'status', 'peers', 'dht', 'ui'] as const
export type HelpTopic = typeof HELP_TOPICS[number]

const PROFILE = `  --profile DIR          Profile folder (peer key, store, settings). Default:
                         $PEERSHARE_PROFILE, else the profile \`npm start\` uses:
                         ${defaultProfileDir()}`
const JSON_OPTION = '  --json                 Machine-readable output: one JSON line; errors too.'

const NODE_OPTIONS = `Node options, for a node this command starts (none when a daemon runs for
the profile), for that run only: they win over the profile's settings and are
never saved:
  --listen MULTIADDR     Listen address; repeatable. Default: the profile's settings,
                         else /ip4/0.0.0.0/tcp/0 and /ip4/0.0.0.0/tcp/0/ws.
  --bootstrap MULTIADDR  Bootstrap peer (ending in /p2p/<id>); repeatable.
  --no-mdns              No mDNS discovery on the LAN.
  --network NAME         DHT network name; nodes only meet others on the same one.
                         Default: ${DEFAULT_NETWORK}.
  --upload-limit N       Upload cap in bytes per second (k, M, G suffixes: KiB, MiB,
                         GiB); 0 = none.
  --download-limit N     Download cap, likewise.
  --download-dir DIR     Default download folder.`

/** A read-only command's help: it asks the profile's daemon, and reads the profile when none runs. */
function readOnlyHelp (name: string, what: string): string {
  return `Usage: peershare ${name} [--profile DIR] [--json]

${what}
Asks the profile's running node; when none runs, reads the profile and says
so, without starting a node.

Options:
${PROFILE}
${JSON_OPTION}
`
}

/** Each command's own help. */
export const COMMAND_HELP: Readonly<Record<HelpTopic, string>> = {
  daemon: `Usage: peershare daemon [--profile DIR] [--open] [--json] [node options]

Runs a node for the profile until Ctrl-C or SIGTERM, with the web UI on its
loopback API address. Prints its PeerId, listen addresses, API address and
"PeerShare UI: http://127.0.0.1:<port>/#token=…".

Options:
${PROFILE}
  --open                 Also open the web UI in the system browser.
  --announce MULTIADDR   Address to announce to peers instead of the listen
                         addresses (e.g. a proxy in front of the node); repeatable.
  --json                 One JSON line {peerId, addrs, api, ui} before anything else;
                         errors are JSON too.

${NODE_OPTIONS}
`,
  share: `Usage: peershare share PATH [--profile DIR] [--json] [node options]

Shares a file or folder and prints its peershare:// link. Hands it to the
profile's daemon when one runs; otherwise serves it from this process until
Ctrl-C.

Options:
${PROFILE}
${JSON_OPTION}

${NODE_OPTIONS}
`,
  get: `Usage: peershare get LINK [--profile DIR] [--out DIR] [--file PATH]... [--json] [node options]

Downloads a peershare:// link (or a bare root CID), prints the path of the
result on stdout and a summary (size, time, average speed, peers) on stderr.
Exits 0 only when the files are at that path, complete and verified. Ctrl-C
pauses; run the same command again to resume. A download done before whose
files are gone, or asked for into another --out folder, is fetched again.
Without a daemon for the profile, a node runs just for this download and
leaves no trace in others' routing tables.

Options:
${PROFILE}
  --out DIR              Where to save; default: the profile's download folder.
  --file PATH            Fetch only this file or folder of the share, as listed in
                         its manifest (e.g. album/disc2); repeat for more. Running
                         get again with more picks adds them.
${JSON_OPTION}

${NODE_OPTIONS}
`,
  ls: readOnlyHelp('ls', 'Lists the profile\'s shares (seeding, stale or missing) and downloads.'),
  status: readOnlyHelp('status', 'Health summary: PeerId, addresses, connections, DHT, traffic.'),
  peers: readOnlyHelp('peers', 'Connected peers: direction, path, round-trip time, traffic.'),
  dht: readOnlyHelp('dht', 'The DHT: routing table by k-bucket, provider records held, announcements.'),
  ui: `Usage: peershare ui [--profile DIR] [--open] [--json]

Prints the address that opens the web UI of the node running for the profile
(a daemon, or \`npm start\`'s headless node); with --open, opens it in the
system browser too. Starts nothing: without a running node it says how to
start one.

Options:
${PROFILE}
  --open                 Also open the address in the system browser.
${JSON_OPTION}
`
}

/** The overview. */
export const USAGE = `Usage: peershare <command> [--profile DIR] [options]

Commands:
  daemon                 Run a node for the profile until Ctrl-C / SIGTERM; serves the
                         web UI on its loopback API address.
  share PATH             Share a file or folder and print its link. Hands it to the
                         profile's daemon if one runs; otherwise serves it from this
                         process until Ctrl-C.
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
  help [COMMAND]         This text, or a command's own (also: peershare COMMAND --help).

ls, status, peers and dht ask the profile's running node; without one they
read the profile and say that no node is running.

Options:
${PROFILE}
  --json                 Machine-readable output: one JSON line (daemon: its PeerId,
                         addresses and API URL, before anything else); errors are
                         JSON too ({"error":{"code","message"}} on stdout).
  --out DIR              (get) Where to save; default: the profile's download folder.
  --file PATH            (get) Fetch only this file or folder of the share, as listed
                         in its manifest (e.g. album/disc2); repeat for more.
  --open                 (daemon, ui) Also open the web UI in the system browser. The
                         daemon always prints its address: PeerShare UI: http://…
  --announce MULTIADDR   (daemon) Address to announce to peers instead of the listen
                         addresses (e.g. a proxy in front of the node); repeatable.
  --version              Print PeerShare's version.

${NODE_OPTIONS}

Environment:
  PEERSHARE_PROFILE      Default for --profile.
  PEERSHARE_TEST_MISBEHAVE=corrupt|stall
                         TEST ONLY: the node serves corrupted chunks or stalls, to
                         exercise integrity checks. Never set this otherwise.
  DEBUG=peershare:*      Debug logging.

Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted.
`

/** The first lines, shown after a usage error. */
export const SHORT_USAGE = `Usage: peershare daemon|share PATH|get LINK|ls|status|peers|dht|ui [--profile DIR] [--json] [options]
Run \`peershare help\` for the options, \`peershare COMMAND --help\` for one command's.`
