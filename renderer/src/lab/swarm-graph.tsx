/**
 * The swarm as a graph: each instance a node coloured (and labelled) by its
 * state and, behind a NAT, marked so; the lab relay, when it runs, a square
 * node of its own; each live connection an edge labelled with its path
 * (relayed, holepunched, loopback…), round-trip time and throughput.
 * Instance nodes are buttons: a click or Enter selects one and opens its
 * panel. Edge labels are drawn for small swarms and for the selected node's
 * edges; a table under the graph lists every connection.
 */
import { useMemo, useRef } from 'react'
import { formatRate } from '../../../shared/index.js'
import type { LabEdgeView, LabInstanceView, LabNat, LabRelayView } from '../../../shared/lab.js'
import { layoutGraph, type Layout } from './graph-layout.js'
import { stateLook } from './instance-state.js'

export interface SwarmGraphProps {
  readonly instances: readonly LabInstanceView[]
  readonly edges: readonly LabEdgeView[]
  /** The lab relay, when it runs one. */
  readonly relay?: LabRelayView | null
  readonly selected: string | null
  readonly onSelect: (name: string) => void
}

/** The words on an edge: path, round trip and the rate each way. */
export function edgeLabel (e: LabEdgeView): string {
  const rtt = e.rttMs == null ? 'RTT –' : `${Math.round(e.rttMs)} ms`
  const moving = e.rateAB + e.rateBA > 0 ? ` · ${formatRate(e.rateAB + e.rateBA)}` : ''
  return `${e.path} · ${rtt}${moving}`
}

/** How an instance's NAT is written beside it; empty when it has none. */
export function natLabel (nat: LabNat): string {
  return nat === 'on' ? 'behind NAT' : nat === 'relay-only' ? 'relay only' : ''
}

export function SwarmGraph ({ instances, edges, relay = null, selected, onSelect }: SwarmGraphProps): React.JSX.Element {
  const names = [...instances.map(i => i.name), ...(relay != null ? [relay.name] : [])]
  const edgeKey = edges.map(e => `${e.a}-${e.b}`).join(',')
  const previous = useRef<Layout | undefined>(undefined)
  const layout = useMemo(() => {
    const next = layoutGraph(names, edges.map(e => [e.a, e.b] as const), previous.current)
    previous.current = next
    return next
    // Recomputed only when the instances or the set of connections change, not on every poll.
  }, [names.join(','), edgeKey])
  const labelAll = edges.length <= 15
  const { box } = layout
  const behindNat = instances.filter(i => i.nat !== 'off').length
  const summary = `Swarm: ${instances.length} instances${relay != null ? ' and the lab relay' : ''}, ${edges.length} live ${edges.length === 1 ? 'connection' : 'connections'}${behindNat > 0 ? `, ${behindNat} behind a NAT` : ''}.`
  const relayAt = relay == null ? undefined : layout.positions.get(relay.name)

  return (
    <figure className="swarm-figure">
      <svg className="swarm" viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`} role="group" aria-label={summary}>
        <g aria-hidden="true">
          {edges.map(e => {
            const a = layout.positions.get(e.a)
            const b = layout.positions.get(e.b)
            if (a == null || b == null) return null
            const mine = selected != null && (e.a === selected || e.b === selected)
            const moving = e.rateAB + e.rateBA > 0
            return (
              <g key={`${e.a}-${e.b}`} data-edge={`${e.a}-${e.b}`}>
                <line className={`edge${moving ? ' edge-moving' : ''}${mine ? ' edge-selected' : ''}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y}>
                  <title>{`${e.a} – ${e.b}: ${edgeLabel(e)}`}</title>
                </line>
                {labelAll || mine ? <text className="edge-label" x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} textAnchor="middle">{edgeLabel(e)}</text> : null}
              </g>
            )
          })}
        </g>
        {instances.map(i => {
          const p = layout.positions.get(i.name)
          if (p == null) return null
          const look = stateLook(i.state)
          const choose = (): void => { onSelect(i.name) }
          return (
            <g
              key={i.name}
              data-node={i.name}
              className={`node node-${i.state}${selected === i.name ? ' node-selected' : ''}`}
              transform={`translate(${p.x} ${p.y})`}
              role="button"
              tabIndex={0}
              aria-pressed={selected === i.name}
              aria-label={`${i.name}, ${look.label}${i.nat !== 'off' ? `, ${natLabel(i.nat)}` : ''}, ${i.connections} ${i.connections === 1 ? 'connection' : 'connections'}`}
              onClick={choose}
              onKeyDown={event => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault()
                  choose()
                }
              }}
            >
              <circle r={22} />
              <text className="node-name" textAnchor="middle" dy="0.35em">{i.name}</text>
              <text className="node-state" textAnchor="middle" y={38}>{`${look.symbol} ${look.label}`}</text>
              {i.nat !== 'off' ? <text className="node-nat" textAnchor="middle" y={52}>{`⌂ ${natLabel(i.nat)}`}</text> : null}
            </g>
          )
        })}
        {relay != null && relayAt != null
          ? (
            <g data-node={relay.name} className={`node-relay node-relay-${relay.state}`} transform={`translate(${relayAt.x} ${relayAt.y})`} role="img" aria-label={`The lab relay, ${relay.state}, data limit ${relay.dataLimit === 'none' ? 'none' : '128 KiB and 2 minutes per connection'}`}>
              <rect x={-24} y={-18} width={48} height={36} rx={4} />
              <text className="node-name" textAnchor="middle" dy="0.35em">relay</text>
              <text className="node-state" textAnchor="middle" y={34}>{`${relay.state}, limit ${relay.dataLimit}`}</text>
            </g>)
          : null}
      </svg>
      <figcaption className="legend">
        {summary}{' '}
        {(['starting', 'ready', 'down', 'partitioned', 'misbehaving'] as const).map(s => (
          <span key={s} className={`legend-item legend-${s}`}><span aria-hidden="true" className="legend-dot" />{stateLook(s).label}</span>
        ))}
      </figcaption>
      <details>
        <summary>Connections as a table</summary>
        <table className="table">
          <thead><tr><th scope="col">Between</th><th scope="col">Path</th><th scope="col" className="num">Round trip</th><th scope="col" className="num">Throughput</th></tr></thead>
          <tbody>
            {edges.map(e => (
              <tr key={`${e.a}-${e.b}`}>
                <th scope="row">{`${e.a} – ${e.b}`}</th>
                <td>{e.path}</td>
                <td className="num">{e.rttMs == null ? '–' : `${Math.round(e.rttMs)} ms`}</td>
                <td className="num">{`${e.a}→${e.b} ${formatRate(e.rateAB)}, ${e.b}→${e.a} ${formatRate(e.rateBA)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
