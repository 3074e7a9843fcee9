/**
 * Where each instance sits in the swarm graph: a force layout (d3-force)
 * of the instances and their live connections, run to rest synchronously.
 * It starts from the previous positions, so the picture only moves as much
 * as the swarm changed, and from a circle the first time, so the same lab
 * always looks the same.
 */
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force'

export interface Point {
  readonly x: number
  readonly y: number
}

interface LayoutNode extends SimulationNodeDatum {
  readonly id: string
}

/** Node positions, keyed by name, and the box that holds them. */
export interface Layout {
  readonly positions: ReadonlyMap<string, Point>
  readonly box: { readonly x: number, readonly y: number, readonly width: number, readonly height: number }
}

/** Lays out `names` with `links` between them; `previous` positions are kept as starting points. */
export function layoutGraph (names: readonly string[], links: ReadonlyArray<readonly [string, string]>, previous?: Layout): Layout {
  const radius = Math.max(120, names.length * 18)
  const nodes: LayoutNode[] = names.map((id, i) => {
    const before = previous?.positions.get(id)
    const angle = (2 * Math.PI * i) / Math.max(1, names.length) - Math.PI / 2
    return { id, x: before?.x ?? radius * Math.cos(angle), y: before?.y ?? radius * Math.sin(angle) }
  })
  const known = new Set(names)
  const linkData: Array<SimulationLinkDatum<LayoutNode>> = links.filter(([a, b]) => known.has(a) && known.has(b)).map(([a, b]) => ({ source: a, target: b }))
  const simulation = forceSimulation(nodes)
    .force('link', forceLink<LayoutNode, SimulationLinkDatum<LayoutNode>>(linkData).id(d => d.id).distance(names.length > 30 ? 60 : 110).strength(0.4))
    .force('charge', forceManyBody().strength(names.length > 30 ? -120 : -420))
    .force('center', forceCenter(0, 0))
    .force('collide', forceCollide(34))
    .stop()
  // Fewer steps when starting from a settled picture.
  const ticks = previous == null ? 300 : 80
  for (let i = 0; i < ticks; i++) simulation.tick()

  const positions = new Map<string, Point>()
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity
  for (const n of nodes) {
    const p = { x: Math.round(n.x ?? 0), y: Math.round(n.y ?? 0) }
    positions.set(n.id, p)
    minX = Math.min(minX, p.x); minY = Math.min(minY, p.y); maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y)
  }
  if (nodes.length === 0) { minX = minY = -100; maxX = maxY = 100 }
  // At least 640 × 420 units around the centre, so a small swarm is not blown up to fill the frame.
  const margin = 70
  const width = Math.max(640, maxX - minX + 2 * margin)
  const height = Math.max(420, maxY - minY + 2 * margin)
  const cx = (minX + maxX) / 2
  const cy = (minY + maxY) / 2
  return { positions, box: { x: Math.round(cx - width / 2), y: Math.round(cy - height / 2), width: Math.round(width), height: Math.round(height) } }
}
