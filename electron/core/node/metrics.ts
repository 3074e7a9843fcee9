/**
 * A node's metrics: libp2p's and kad-dht's own (RPC counts, errors and
 * times, operation times, routing table size, bytes per protocol), gathered
 * by @libp2p/prometheus-metrics into a prom-client registry of the node's
 * own and written out in Prometheus text format for the local API.
 *
 * @libp2p/prometheus-metrics keeps one map of metric names per process and
 * clears it when a node is built, so that a name registered later lands in
 * the registry of the node being built. Several engines share a process (the
 * in-process lab, tests), so nodes are built one after another here: each
 * node's components register their metrics while no other node is being
 * built.
 */
import { prometheusMetrics } from '@libp2p/prometheus-metrics'
import { Registry } from 'prom-client'
import type { ComponentLogger, Metrics } from '@libp2p/interface'

/** The metrics of one node. */
export interface NodeMetrics {
  /** libp2p's `metrics` option. */
  readonly service: (components: { logger: ComponentLogger }) => Metrics
  /** Builds the node while no other node in this process is being built. */
  build<T>(create: () => Promise<T>): Promise<T>
  /** Everything registered so far, in Prometheus text format. */
  text(): Promise<{ contentType: string, text: string }>
}

/** Nodes being built in this process, one after another. */
let building: Promise<unknown> = Promise.resolve()

export function nodeMetrics (): NodeMetrics {
  const registry = new Registry()
  return {
    // Process-wide defaults (CPU, heap, GC) would be registered once per node; the node's own are what the API is for.
    service: prometheusMetrics({ registry, collectDefaultMetrics: false }),
    build: async <T>(create: () => Promise<T>): Promise<T> => {
      const turn = building.then(create, create)
      building = turn.catch(() => {})
      return await turn
    },
    text: async () => ({ contentType: registry.contentType, text: await registry.metrics() })
  }
}
