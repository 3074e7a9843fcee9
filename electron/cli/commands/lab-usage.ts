/**
 * The usage text of `peershare lab`.
 */

/** Full usage of the lab commands. */
export const LAB_USAGE = `Usage: peershare lab <command> [options]

A lab is a swarm of PeerShare instances on this machine, for testing: each a
real \`peershare daemon\` process with its own profile, on a private DHT
network (lab-NAME), mDNS off, behind a proxy the lab owns (for partitions,
latency, loss and NAT, without root). One dashboard shows and steers them all.

Commands:
  up N                   Start N instances and the dashboard; runs until Ctrl-C or
                         \`lab down NAME\`. Prints the dashboard's address (the secret is
                         in its #fragment); with --json, one JSON document: the dashboard
                         and, per instance, its name, profile, PeerId, addresses and API,
                         so \`peershare status --profile <profile>\` works on any of them.
      --name NAME        Default: lab, lab-2, … (the first free name).
      --topology T       star (all bootstrap from n0), ring, or random:K (K random
                         peers each, over a random spanning tree). Default: star up
                         to 20 instances, random:3 beyond.
      --seed S           Derive every peer key from S (reproducible PeerIds and XOR
                         layout); default: a random seed, printed.
      --in-process       Many engines in this one process instead of daemon processes,
                         for 100+ instances; no kill -9, partitions, latency or loss.
      --port P           The dashboard's port on 127.0.0.1; default: any free one.
      --relay            Also run the lab relay: a \`peershare relay\` process (relay,
                         bootstrap and STUN node) on loopback, given to every instance
                         as its relay. It also starts once an instance goes behind a NAT
                         (then that instance restarts to be given it).
      --relay-data-limit none|default
                         What one connection through the lab relay may carry: none
                         (default: transfers cross it) or default (128 KiB and 2 minutes,
                         as public relays: a relayed-only transfer fails, saying why).
  down NAME [--keep]     Stop every process of the lab; remove its folder unless --keep.
  ls                     List labs, running or stopped.
  set NODE KEY=VALUE...  Change an instance live: latency=80ms (added to what it sends),
                         loss=2% (lost segments arrive one retransmission timeout late),
                         up=1M, down=512k (its own upload/download caps; 0 = none),
                         nat=on|off (behind a home router: its proxy refuses every
                         connection others open to it except the lab relay's, so they
                         reach it through its relay reservation, then punch a hole with
                         WebRTC), relay-only=on|off (behind a NAT no hole punch gets
                         through: its connections stay relayed). nat=off ends both.
                         Going behind a NAT starts the lab relay if it does not run;
                         relay-only on or off restarts the instance.
  stop|kill|restart NODE Stop (SIGTERM), kill -9, or restart an instance (same profile,
                         same PeerId).
  partition|heal NODE    Cut an instance off from all others (its proxy refuses and cuts
                         every connection to and from it), or let it back.
  misbehave NODE corrupt|stall|off
                         Restart it with the test-only misbehaviour on or off.
  run FILE               Run a scenario (JSON; see lab/scenarios/README.md): starts its lab,
                         plays its timeline, checks its assertions, prints a report and
                         exits 1 naming the first failed assertion.
      --report FILE      Where to write the JSON report; default <root>/<scenario>-report.json.
      --keep             Keep the scenario's lab folder afterwards.

Options:
  --root DIR             Where labs live; default $PEERSHARE_LAB_ROOT, else ~/.peershare-labs.
  --name NAME            (set, stop, …) Which lab; default: the only one running.
  --json                 Machine-readable output.
`
