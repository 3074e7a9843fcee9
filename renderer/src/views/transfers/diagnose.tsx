/**
 * "Diagnose" on a stalled download: asks the engine's doctor why the share
 * does not arrive and shows its timed steps and verdict in words (is the
 * root announced, who provides it, can each provider be dialed and by which
 * path, does it hold chunks, was one chunk fetched and verified).
 */
import { useId, useState } from 'react'
import type { DoctorReportView, TransferView } from '../../../../shared/index.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useStoreInstance } from '../../store/index.js'
import { isStalled } from './stalled.js'

const RESULT: Record<DoctorReportView['steps'][number]['result'], string> = { pass: '✓ passed', warn: '! warning', fail: '✗ failed', skip: '– skipped' }

export function DiagnoseButton ({ transfer: t, describedBy }: { readonly transfer: TransferView, readonly describedBy: string }): React.JSX.Element | null {
  const store = useStoreInstance()
  const id = useId()
  const [running, setRunning] = useState(false)
  const [report, setReport] = useState<DoctorReportView | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (!isStalled(t) && report == null) return null
  const run = (): void => {
    setRunning(true)
    setError(null)
    store.api.doctor({ link: t.root })
      .then(r => { setReport(r) }, (err: Error) => { setError(err.message) })
      .finally(() => { setRunning(false) })
  }
  return (
    <div className="diagnosis">
      <button type="button" className="button small" disabled={running} aria-describedby={describedBy} onClick={run}>{running ? 'Diagnosing…' : 'Diagnose'}</button>
      <p role="status" className="status-line">{running ? 'Diagnosing: asking the DHT, dialing providers, fetching one chunk…' : ''}</p>
      <ErrorAlert message={error} title="Could not diagnose" />
      {report == null
        ? null
        : (
          <section aria-labelledby={`${id}-title`}>
            <h4 id={`${id}-title`}>Diagnosis</h4>
            <p><strong>Verdict:</strong> {report.verdict}</p>
            <ol aria-label="Diagnosis steps">
              {report.steps.map((s, i) => (
                <li key={i} className={`step-${s.result}`}>
                  <strong>{s.name}</strong> {RESULT[s.result]} in {s.ms} ms. <span className="wrap">{s.detail}</span>
                </li>
              ))}
            </ol>
          </section>
          )}
    </div>
  )
}
