/**
 * The CLI's help: the overview `peershare help` prints, each command's own
 * (`peershare CMD --help`), and the short usage shown after a mistake.
 * Defaults come from the engine's defaults module and the default profile,
 * which load nothing of the engine itself, so help stays fast.
 */
import { DEFAULT_NETWORK } from '../core/defaults.js'
import { defaultProfileDir } from './default-profile.js'

/** The commands that have help of their own. */
export const HELP_TOPICS = [
  'daemon', 'relay', 'share', 'unshare', 'link', 'get', 'ls', 'jobs', 'status', 'peers', 'dht', 'doctor', 'ui',
  'devices', 'send', 'offers', 'accept', 'decline', 'pair', 'unpair'
] as const
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
  --bootstrap MULTIADDR  Bootstrap peer (ending in /p2p/<id>); repeatable. A PeerShare
                         relay given here is used as a relay too.
  --relay MULTIADDR      Relay to keep a slot on while behind a NAT (ending in
                         /p2p/<id>); repeatable.
  --stun URL             STUN server for hole punching, e.g. stun:relay.example.org:3478;
                         repeatable. Default: port 3478 of each relay and bootstrap
                         host (public STUN servers on the public network).
  --no-upnp              Do not ask the router to forward a port.
  --no-relay-service     Do not offer a small relay to others when reachable.
  --no-mdns              No mDNS discovery on the LAN.
  --network NAME         DHT network name; nodes only meet others on the same one.
                         Default: ${DEFAULT_NETWORK}. 'public': the public IPFS network
                         (/ipfs/kad/1.0.0, its bootstrap list and public STUN servers);
                         others there see your IP address and the roots you announce.
  --upload-limit N       Upload cap in bytes per second (k, M, G suffixes: KiB, MiB,
                         GiB); 0 = none.
  --download-limit N     Download cap, likewise.
  --download-dir DIR     Default download folder.
  --device-name NAME     The name other devices see this one by. Default: the host
                         name, plus the profile's name unless it is the default one.`

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

/** A device command's help: it needs the profile's running node. */
function deviceHelp (usage: string, what: string): string {
  return `Usage: peershare ${usage} [--profile DIR] [--json]

${what}
Needs the profile's running node (its Nearby list, offers and pairing codes
live there).

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
                         addresses: this node's public address, told to others at
                         once (without it a public address is shown once AutoNAT has
                         confirmed it), or a proxy in front of the node; repeatable.
  --json                 One JSON line {peerId, addrs, api, ui} before anything else;
                         errors are JSON too.

${NODE_OPTIONS}
`,
  relay: `Usage: peershare relay [--profile DIR] [--listen MULTIADDR]... [--announce MULTIADDR]...
                       [--data-limit N|none] [--stun-listen HOST:PORT|none]... [--network NAME] [--json]

Runs a relay, bootstrap and STUN node for the profile until Ctrl-C or SIGTERM:
the one thing a group puts on a server with a public address so that laptops
behind home routers reach each other (docs/relay.md).
Laptops add it with --relay (or --bootstrap) or in Settings → Relays. Prints
its PeerId and the addresses to give them.

Options:
${PROFILE}
  --listen MULTIADDR     Listen address; repeatable. Default /ip4/0.0.0.0/tcp/4001.
  --network NAME         DHT network name; default ${DEFAULT_NETWORK}.
  --announce MULTIADDR   This server's public address, told to others at once;
                         repeatable.
  --data-limit N|none    What one relayed connection may carry (k, M, G suffixes);
                         default 128 KiB for 2 minutes: enough to set up a direct
                         connection, not to carry files. none: no limit.
  --stun-listen HOST:PORT
                         Answer STUN there; repeatable; default 0.0.0.0:3478;
                         none: no STUN server.
${JSON_OPTION}
`,
  share: `Usage: peershare share PATH [--profile DIR] [--public] [--json] [node options]

Shares a file or folder and prints its peershare:// link. The share is private:
only someone with the whole link (its #k=… part included) can find and fetch
it. Hands it to the profile's daemon when one runs; otherwise serves it from
this process until Ctrl-C. What no downloader could take (past the limits of
a share, a name some system cannot write) is refused at once. While the
files are hashed, a progress bar shows files, bytes, rate and ETA; Ctrl-C
then cancels the share and keeps nothing of it. Sharing a folder again
hashes only the files whose size or modification time changed.

Options:
${PROFILE}
  --public               Announce it by its root instead: anyone who learns the
                         root can find and fetch it.
  --json                 The share job as one JSON line per update, the last one
                         ending "done" with the share; errors are JSON too.

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
  jobs: `Usage: peershare jobs [cancel ID] [--profile DIR] [--json]

The profile's share jobs: files being hashed for sharing, and those that ended
lately (files and bytes hashed, rate, ETA). With cancel ID, cancels one: its
hashing stops within a second and nothing of it is kept. Asks the profile's
running node; without one there are no jobs.

Options:
${PROFILE}
${JSON_OPTION}
`,
  status: readOnlyHelp('status', 'Health summary: PeerId, addresses, connections, DHT, traffic.'),
  peers: readOnlyHelp('peers', 'Connected peers: direction, path, round-trip time, traffic.'),
  dht: `Usage: peershare dht [table|trace ROOT|PEERID|lookups|keyspace [KEY]|records|metrics] [--op OP] [--profile DIR] [--json]

The DHT as this node sees it. Without a view: the routing table by k-bucket,
provider records held, announcements; it asks the profile's running node, and
when none runs reads the profile and says so, without starting a node. The
views need a running node:
  table                  The routing table peer by peer: shared bits, last seen,
                         connected, round trip, path, agent; additions and evictions.
  trace ROOT|PEERID      Run one DHT lookup and show it hop by hop.
  lookups                The lookups this node made lately; --json exports them.
  keyspace [KEY]         This node, its routing table and the keys it announces or
                         holds records for, by XOR distance from KEY (default itself).
  records                Provider records held, with expiry and the share's name.
  metrics                libp2p's and kad-dht's metrics, Prometheus text.

Options:
${PROFILE}
  --op OP                (trace) find-providers, closest or provide; default
                         find-providers for a root, closest for a PeerId.
${JSON_OPTION}
`,
  doctor: `Usage: peershare doctor LINK|ROOT [--profile DIR] [--json]

Diagnoses a share, step by step: is it announced? who provides it? can they be
dialled, and by which path? which chunks do they hold? one chunk fetched and
verified. Asks the profile's running node.

Options:
${PROFILE}
${JSON_OPTION}
`,
  unshare: `Usage: peershare unshare ROOT [--profile DIR] [--json]

Stops sharing ROOT (\`peershare ls\` lists the roots); the files stay where
they are, and a private share's link opens nothing here from then on.

Options:
${PROFILE}
${JSON_OPTION}
`,
  link: `Usage: peershare link rotate ROOT [--profile DIR] [--json]

Makes a new link for a private share and prints it: the old link is refused
from then on. Peers that already downloaded the share keep their files.

Options:
${PROFILE}
${JSON_OPTION}
`,
  devices: deviceHelp('devices', 'Nearby devices (PeerShare found on this LAN by mDNS) and paired ones, by name:\nwhether each is online, and how it is connected.'),
  send: deviceHelp('send PATH --to DEVICE', 'Shares PATH privately and offers it to DEVICE (a name or PeerId from\n`peershare devices`): who, what, how big, and the private link. It downloads\nthere once accepted. Only paired or nearby devices take offers.'),
  offers: deviceHelp('offers', 'Offers from other devices waiting for an answer, with their IDs.'),
  accept: deviceHelp('accept ID [--out DIR]', 'Accepts an offer: it downloads through its private link, into DIR or the\nprofile\'s download folder.'),
  decline: deviceHelp('decline ID', 'Declines an offer: nothing is fetched or written.'),
  pair: deviceHelp('pair [CODE --with DEVICE | LINK]', 'Without a code: opens a pairing invitation and prints its one-time code and\nlink (10 minutes). With the code another device shows, and that device\'s name\nor PeerId from `peershare devices`, or with its pairing link: pairs with it.\nPaired devices stay listed wherever they are, and may send offers.'),
  unpair: deviceHelp('unpair DEVICE', 'Forgets a paired device.'),
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
  relay                  Run a relay, bootstrap and STUN node for the profile until
                         Ctrl-C / SIGTERM: the one thing a group puts on a server so
                         laptops behind home routers reach each other (docs/relay.md).
  share PATH             Share a file or folder and print its link: private (only the
                         link's holders can find and fetch it) unless --public. Hands it
                         to the profile's daemon if one runs; otherwise serves it from
                         this process until Ctrl-C. Shows hashing progress; Ctrl-C
                         while hashing cancels it and keeps nothing.
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
  jobs [cancel ID]       Share jobs (files being hashed) and their progress; cancel one.
  status                 Health summary: addresses, connections, DHT, traffic.
  peers                  Connected peers.
  dht                    Routing table by bucket, provider records, announcements.
  dht table              The routing table peer by peer: shared bits, last seen,
                         connected, round trip, path, agent; additions and evictions.
  dht trace ROOT|PEERID  Run one DHT lookup and show it hop by hop (--op find-providers,
                         closest or provide; default find-providers for a root,
                         closest for a PeerId).
  dht lookups            The lookups this node made lately (discovery, announcements,
                         traces); --json exports them.
  dht keyspace [KEY]     This node, its routing table and the keys it announces or
                         holds records for, by XOR distance from KEY (default itself).
  dht records            Provider records held, with expiry and the share's name.
  dht metrics            libp2p's and kad-dht's metrics, Prometheus text.
  doctor LINK|ROOT       Diagnose a share: announced? who provides it? dialable, and
                         by which path? chunks held? one chunk fetched and verified.
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
  --public               (share) Announce the share by its root: anyone who learns the
                         root can fetch it, as with a bare root CID.
  --out DIR              (get, accept) Where to save; default: the profile's download
                         folder.
  --file PATH            (get) Fetch only this file or folder of the share, as listed
                         in its manifest (e.g. album/disc2); repeat for more.
  --op OP                (dht trace) find-providers, closest or provide.
  --open                 (daemon, ui) Also open the web UI in the system browser. The
                         daemon always prints its address: PeerShare UI: http://…
  --announce MULTIADDR   (daemon, relay) Address to announce to peers instead of the
                         listen addresses: this node's public address, told to others
                         at once (without it a public address is shown once AutoNAT
                         has confirmed it), or a proxy in front of the node; repeatable.
  --data-limit N|none    (relay) What one relayed connection may carry (k, M, G
                         suffixes); default 128 KiB for 2 minutes: enough to set up a
                         direct connection, not to carry files. none: no limit.
  --stun-listen HOST:PORT
                         (relay) Answer STUN there; repeatable; default 0.0.0.0:3478;
                         none: no STUN server.
  --version              Print PeerShare's version.

${NODE_OPTIONS}

Environment:
  PEERSHARE_PROFILE      Default for --profile.
  PEERSHARE_TEST_MISBEHAVE=corrupt|stall
                         TEST ONLY: the node serves corrupted chunks or stalls, to
                         exercise integrity checks. Never set this otherwise.
  PEERSHARE_TEST_NAT=per-flow
                         TEST ONLY (the lab's relay-only): the node runs without WebRTC,
                         so no hole punch succeeds, as behind a per-flow NAT.
  DEBUG=peershare:*      Debug logging.

Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted.
`

/** The first lines, shown after a usage error. */
export const SHORT_USAGE = `Usage: peershare daemon|relay|share PATH|unshare ROOT|link rotate ROOT|get LINK|ls|jobs|status|peers|dht [VIEW]|doctor LINK|ui|devices|send PATH --to DEVICE|offers|accept ID|decline ID|pair [CODE|LINK]|unpair DEVICE [--profile DIR] [--json] [options]
Run \`peershare help\` for the options, \`peershare COMMAND --help\` for one command's.`
