/**
 * The integration-test harness: real daemons as child processes on a
 * private DHT, files with known hashes, polling with deadlines, raw libp2p
 * nodes for wire-level tests, a NAT lab of network namespaces with lab
 * nodes in it, and a cleanup registry that leaves nothing behind.
 */
export * from './cleanup.js'
export * from './daemon.js'
export * from './files.js'
export * from './observe.js'
export * from './raw-node.js'
export * from './frames.js'
export * from './wait.js'
export * from './hostile-manifest.js'
export * from './cli.js'
export * from './netns.js'
export * from './opener.js'
export * from './nat-lab.js'
export * from './nat-lab-probes.js'
export * from './reach-lab-node.js'
export * from './upnp-router.js'
export * from './hostile-peer.js'
export * from './proc-memory.js'
export * from './fuzz.js'
export * from './many-files.js'
export * from './hostile-blocks.js'
