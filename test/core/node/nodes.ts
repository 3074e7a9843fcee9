/**
 * Real PeerShare libp2p nodes (with kad-dht and its adapter) inside the test
 * process, on loopback and a private DHT network, for tests of the DHT
 * adapter and the announcer. `pairOfNodes` connects two and waits until each
 * has the other in its routing table.
 */
import { randomUUID } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { AddressPolicy } from '../../../electron/core/node/address-policy.js'
import { createNode, type CreateNodeInit, type NodeParts } from '../../../electron/core/node/create-node.js'
import { waitFor } from '../../support/wait.js'

/** Starts one node listening on loopback only, mDNS off. */
export async function startNode (network: string, init: Pick<CreateNodeInit, 'recordSweep'> = {}): Promise<NodeParts> {
  const policy = new AddressPolicy()
  const parts = await createNode({ privateKey: await generateKeyPair('Ed25519'), listen: ['/ip4/127.0.0.1/tcp/0'], network, mdns: false, policy, ...init })
  // As the engine does: a node reachable only on loopback may dial other loopback peers.
  policy.updateOwnAddresses(parts.node.getMultiaddrs())
  return parts
}

/** Two connected nodes on a fresh network, each in the other's routing table; `a` gets `initA`. */
export async function pairOfNodes (initA: Pick<CreateNodeInit, 'recordSweep'> = {}): Promise<[NodeParts, NodeParts]> {
  const network = `test-${randomUUID()}`
  const a = await startNode(network, initA)
  const b = await startNode(network).catch(async err => { await a.node.stop(); throw err })
  try {
    await a.node.dial(b.node.getMultiaddrs()[0], { signal: AbortSignal.timeout(10_000) })
    await waitFor(() => a.kad.routingTableSize() > 0 && b.kad.routingTableSize() > 0, { what: 'both routing tables to hold the other node', timeoutMs: 15_000, intervalMs: 50 })
  } catch (err) {
    await stopNodes(a, b)
    throw err
  }
  return [a, b]
}

export async function stopNodes (...nodes: NodeParts[]): Promise<void> {
  await Promise.all(nodes.map(async n => { await n.node.stop() }))
}

/** A root as PeerShare makes them (raw CIDv1 of a SHA-256), of some text. */
export async function cidOf (text: string): Promise<CID> {
  return CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode(text)))
}
