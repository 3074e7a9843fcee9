/**
 * The selected instance: what it is (state, PeerId, profile, API, routing
 * table, conditions, caps), a link that opens its own UI signed in, and its
 * controls: stop, kill -9, restart, partition or heal, misbehave, NAT
 * (none, behind a NAT, relay only), and the conditions and caps form. Each action is sent to the lab and its outcome
 * is announced in a status line.
 */
import { useEffect, useState } from 'react'
import { formatBytes } from '../../../shared/index.js'
import { LAB_NATS, type LabAction, type LabInstanceView, type LabMisbehaviour, type LabMode, type LabNat, type LabSettingsChange } from '../../../shared/lab.js'
import { StateBadge } from '../components/state-badge.js'
import { stateLook } from './instance-state.js'
import { useLabStoreInstance } from './lab-store.js'

export interface NodePanelProps {
  readonly instance: LabInstanceView
  readonly mode: LabMode
}

/** The NAT choices in words. */
const NAT_CHOICES: Readonly<Record<LabNat, string>> = {
  off: 'None (others dial it)',
  on: 'Behind NAT (reached through the lab relay, then hole-punched)',
  'relay-only': 'Relay only (no hole punch gets through)'
}

/** KiB/s in the form; 0 is no cap. */
const KIB = 1024

export function NodePanel ({ instance: i, mode }: NodePanelProps): React.JSX.Element {
  const store = useLabStoreInstance()
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ text: string, error: boolean } | null>(null)
  const [misbehave, setMisbehave] = useState<LabMisbehaviour | 'none'>(i.misbehave ?? 'none')
  const [nat, setNat] = useState<LabNat>(i.nat)
  const [latency, setLatency] = useState(String(i.conditions.latencyMs))
  const [loss, setLoss] = useState(String(i.conditions.lossPercent))
  const [up, setUp] = useState(String(Math.round(i.uploadLimit / KIB)))
  const [down, setDown] = useState(String(Math.round(i.downloadLimit / KIB)))

  // A different node selected: its own values in the forms.
  useEffect(() => {
    setNote(null)
    setMisbehave(i.misbehave ?? 'none')
    setNat(i.nat)
    setLatency(String(i.conditions.latencyMs))
    setLoss(String(i.conditions.lossPercent))
    setUp(String(Math.round(i.uploadLimit / KIB)))
    setDown(String(Math.round(i.downloadLimit / KIB)))
  }, [i.name])

  const run = async (what: string, fn: () => Promise<unknown>): Promise<void> => {
    setBusy(true)
    setNote({ text: `${i.name}: ${what}…`, error: false })
    try {
      await fn()
      setNote({ text: `${i.name}: ${what} done.`, error: false })
    } catch (err) {
      setNote({ text: `${i.name}: ${what} failed: ${(err as Error).message}`, error: true })
    } finally {
      setBusy(false)
      void store.refresh()
    }
  }
  const act = (action: LabAction, what: string) => () => { void run(what, async () => await store.api('control', { node: i.name, action })) }
  const processes = mode === 'processes'
  const running = i.state !== 'down'
  const look = stateLook(i.state)

  const applySettings = (event: React.FormEvent): void => {
    event.preventDefault()
    const change: { -readonly [K in keyof LabSettingsChange]: LabSettingsChange[K] } = {}
    if (processes) {
      change.latencyMs = Number(latency)
      change.lossPercent = Number(loss)
    }
    if (running) {
      change.uploadLimit = Math.round(Number(up) * KIB)
      change.downloadLimit = Math.round(Number(down) * KIB)
    }
    void run('apply conditions and caps', async () => await store.api('set', { node: i.name, change }))
  }

  return (
    <section className="card node-panel" aria-labelledby="node-panel-title">
      <div className="item-head">
        <h2 id="node-panel-title">{`Instance ${i.name}`}</h2>
        <StateBadge label={look.label} symbol={look.symbol} tone={look.tone} />
      </div>
      <dl className="facts">
        <div><dt>PeerId</dt><dd className="mono wrap">{i.peerId}</dd></div>
        <div><dt>Profile</dt><dd className="mono wrap">{i.profile}</dd></div>
        <div><dt>API</dt><dd className="mono">{i.api ?? '–'}</dd></div>
        {i.pid != null ? <div><dt>Process</dt><dd>{i.pid}</dd></div> : null}
        <div><dt>Routing table</dt><dd>{i.routingTableSize}</dd></div>
        <div><dt>Connections</dt><dd>{i.connections}</dd></div>
        <div><dt>Latency</dt><dd>{`${i.conditions.latencyMs} ms`}</dd></div>
        <div><dt>Loss</dt><dd>{`${i.conditions.lossPercent} %`}</dd></div>
        <div><dt>NAT</dt><dd>{NAT_CHOICES[i.nat]}</dd></div>
        <div><dt>Upload cap</dt><dd>{i.uploadLimit === 0 ? 'none' : `${formatBytes(i.uploadLimit)}/s`}</dd></div>
        <div><dt>Download cap</dt><dd>{i.downloadLimit === 0 ? 'none' : `${formatBytes(i.downloadLimit)}/s`}</dd></div>
      </dl>
      {i.lastError != null ? <p className="warn-text">{`Last went down: ${i.lastError}`}</p> : null}
      <p>
        {i.ui != null
          ? <a href={i.ui} target="_blank" rel="noreferrer">{`Open ${i.name}'s own UI`}</a>
          : <span className="muted">{`${i.name}'s own UI opens once it runs.`}</span>}
      </p>

      <div className="button-row" role="group" aria-label={`Control ${i.name}`}>
        <button type="button" className="button" disabled={busy || !running} onClick={act('stop', 'stop')}>Stop</button>
        {processes ? <button type="button" className="button danger" disabled={busy || !running} onClick={act('kill', 'kill -9')}>Kill -9</button> : null}
        <button type="button" className="button" disabled={busy} onClick={act('restart', 'restart')}>{running ? 'Restart' : 'Start'}</button>
        {processes
          ? (i.partitioned
              ? <button type="button" className="button" disabled={busy} onClick={act('heal', 'heal')}>Heal</button>
              : <button type="button" className="button" disabled={busy} onClick={act('partition', 'partition')}>Partition</button>)
          : null}
      </div>

      <div className="inline-form lab-row">
        <label htmlFor="misbehave-mode">Misbehave</label>
        <select id="misbehave-mode" value={misbehave} onChange={e => { setMisbehave(e.target.value as LabMisbehaviour | 'none') }}>
          <option value="none">No (behave)</option>
          <option value="corrupt">Corrupt chunks</option>
          <option value="stall">Stall requests</option>
        </select>
        <button type="button" className="button small" disabled={busy} onClick={() => { void run(misbehave === 'none' ? 'behave (restart)' : `misbehave: ${misbehave} (restart)`, async () => await store.api('misbehave', { node: i.name, mode: misbehave === 'none' ? null : misbehave })) }}>Apply and restart</button>
      </div>

      {processes
        ? (
          <div className="inline-form lab-row">
            <label htmlFor="lab-nat">NAT</label>
            <select id="lab-nat" value={nat} onChange={e => { setNat(e.target.value as LabNat) }}>
              {LAB_NATS.map(n => <option key={n} value={n}>{NAT_CHOICES[n]}</option>)}
            </select>
            <button type="button" className="button small" disabled={busy || nat === i.nat} onClick={() => { void run(`NAT: ${NAT_CHOICES[nat].toLowerCase()}`, async () => await store.api('set', { node: i.name, change: { nat: nat !== 'off', relayOnly: nat === 'relay-only' } })) }}>Apply NAT</button>
          </div>)
        : null}

      <form className="lab-form" onSubmit={applySettings}>
        <fieldset disabled={busy}>
          <legend>{`Conditions and caps of ${i.name}`}</legend>
          {processes
            ? (
              <>
                <label htmlFor="lab-latency">Added latency (ms)</label>
                <input id="lab-latency" type="number" min={0} max={60000} value={latency} onChange={e => { setLatency(e.target.value) }} />
                <label htmlFor="lab-loss">Loss (%)</label>
                <input id="lab-loss" type="number" min={0} max={100} step="0.1" value={loss} onChange={e => { setLoss(e.target.value) }} />
              </>)
            : <p className="hint">In-process engines share one process: latency and loss need a lab of processes.</p>}
          <label htmlFor="lab-up">Upload cap (KiB/s, 0 = none)</label>
          <input id="lab-up" type="number" min={0} value={up} disabled={!running} onChange={e => { setUp(e.target.value) }} />
          <label htmlFor="lab-down">Download cap (KiB/s, 0 = none)</label>
          <input id="lab-down" type="number" min={0} value={down} disabled={!running} onChange={e => { setDown(e.target.value) }} />
          <div className="button-row"><button type="submit" className="button primary">Apply</button></div>
        </fieldset>
      </form>
      <p role="status" className={note?.error === true ? 'error-text' : 'status-line'}>{note?.text ?? ''}</p>
    </section>
  )
}
