/**
 * The lab's dashboard: a header with the lab's facts and a count of
 * instances by state, the swarm graph beside the selected instance's panel,
 * the combined timeline and the merged log.
 */
import { useMemo, useState } from 'react'
import { LAB_INSTANCE_STATES } from '../../../shared/lab.js'
import { ErrorAlert } from '../components/error-alert.js'
import { ThemeContext, useTheme } from '../components/theme.js'
import { stateLook } from './instance-state.js'
import { GroundTruthPanel } from './ground-truth-panel.js'
import { useLab } from './lab-store.js'
import { MergedLog } from './merged-log.js'
import { NodePanel } from './node-panel.js'
import { SwarmGraph } from './swarm-graph.js'
import { TimelineChart } from './timeline-chart.js'

export function Dashboard (): React.JSX.Element {
  const { theme } = useTheme()
  const view = useLab(s => s.view)
  const error = useLab(s => s.error)
  const [selected, setSelected] = useState<string | null>(null)
  const names = useMemo(() => view?.instances.map(i => i.name) ?? [], [view?.instances])

  if (view == null) {
    return (
      <main id="main" className="main">
        <h1 className="brand">PeerShare lab</h1>
        {error != null ? <ErrorAlert title="Cannot reach the lab" message={error} /> : <p role="status">Loading the lab…</p>}
      </main>
    )
  }

  const counts = LAB_INSTANCE_STATES.map(s => [s, view.instances.filter(i => i.state === s).length] as const).filter(([, n]) => n > 0)
  const chosen = view.instances.find(i => i.name === selected)
  const readyIn = view.allReadyAt == null ? null : ((view.allReadyAt - view.startedAt) / 1000).toFixed(1)

  return (
    <ThemeContext.Provider value={theme}>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="header">
        <h1 className="brand">{`PeerShare lab ${view.name}`}</h1>
        <dl className="header-facts">
          <div><dt>Mode</dt><dd>{view.mode === 'in-process' ? `in-process: ${view.instances.length} engines in one process` : `${view.instances.length} daemon processes`}</dd></div>
          <div><dt>Network</dt><dd className="mono">{view.network}</dd></div>
          <div><dt>Topology</dt><dd>{view.topology}</dd></div>
          <div><dt>Seed</dt><dd className="mono">{view.seed}</dd></div>
          {view.relay != null ? <div><dt>Lab relay</dt><dd>{`${view.relay.state}, data limit ${view.relay.dataLimit === 'none' ? 'none' : '128 KiB / 2 min'}`}</dd></div> : null}
          <div><dt>Ready</dt><dd>{readyIn == null ? 'not yet' : `all, ${readyIn} s after start`}</dd></div>
          <div><dt>States</dt><dd>{counts.map(([s, n]) => `${n} ${stateLook(s).label.toLowerCase()}`).join(', ')}</dd></div>
        </dl>
      </header>
      <main id="main" className="main lab-main">
        <ErrorAlert title="Cannot refresh" message={error} />
        <div className="lab-top">
          <section className="card" aria-labelledby="swarm-title">
            <h2 id="swarm-title">Swarm</h2>
            <p className="hint">Select an instance to see and steer it.</p>
            <SwarmGraph instances={view.instances} edges={view.edges} relay={view.relay} selected={selected} onSelect={setSelected} />
          </section>
          {chosen != null
            ? <NodePanel instance={chosen} mode={view.mode} />
            : <section className="card node-panel" aria-label="No instance selected"><p className="empty">No instance selected.</p></section>}
        </div>
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <TimelineChart view={view} />
        </section>
        <GroundTruthPanel nodes={names} />
        <MergedLog nodes={names} />
      </main>
    </ThemeContext.Provider>
  )
}
