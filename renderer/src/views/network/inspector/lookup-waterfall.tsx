/**
 * One lookup as a waterfall: a row per request with its hop, the peer, the
 * peer that referred it, the bits it shares with the key, its disjoint
 * path, what came back and a bar from the request's start to its answer on
 * the lookup's time axis; above it, the summary (hops and time to the
 * first provider, requests sent, who took the record).
 */
import { shortPeerId, type LookupRequestView, type LookupTraceView } from '../../../../../shared/index.js'

const OP_NAME: Record<LookupTraceView['op'], string> = { 'find-providers': 'Find providers', closest: 'Closest peers', provide: 'Announce (provide)' }

/** A lookup's name in lists and headings. */
export function lookupName (t: LookupTraceView): string {
  return `${OP_NAME[t.op]} of ${t.target.length > 20 ? `${t.target.slice(0, 10)}…${t.target.slice(-6)}` : t.target}`
}

function resultOf (r: LookupRequestView): string {
  switch (r.outcome) {
    case 'error': return `Error: ${r.error ?? 'unknown'}`
    case 'no-answer': return 'No answer'
    case 'stored': return 'Took the record'
    case 'providers': return `${r.providers.length} ${r.providers.length === 1 ? 'provider' : 'providers'}, ${r.closer.length} closer`
    case 'closer': return `${r.closer.length} closer ${r.closer.length === 1 ? 'peer' : 'peers'}`
  }
}

export function LookupWaterfall ({ trace: t }: { readonly trace: LookupTraceView }): React.JSX.Element {
  const end = t.endedAt ?? Math.max(t.startedAt + 1, ...t.requests.map(r => r.startedAt + (r.ms ?? 0)))
  const total = Math.max(1, end - t.startedAt)
  const s = t.summary
  return (
    <div className="waterfall">
      <h3 className="subhead">{lookupName(t)}</h3>
      <dl className="facts" aria-label="Lookup summary">
        <div><dt>State</dt><dd>{t.state}{t.error != null ? ` (${t.error})` : ''}, {total} ms</dd></div>
        <div><dt>Why</dt><dd>{t.cause}</dd></div>
        <div><dt>Requests sent</dt><dd>{s.requests} ({s.answered} answered, {s.failed} failed)</dd></div>
        <div><dt>Hops</dt><dd>{s.hops}</dd></div>
        {t.op === 'find-providers'
          ? <div><dt>First provider</dt><dd>{s.firstProvider == null ? 'none found' : `${shortPeerId(s.firstProvider.peerId)} after ${s.firstProvider.ms} ms, hop ${s.firstProvider.hop}`}</dd></div>
          : null}
        {t.op === 'find-providers' ? <div><dt>Providers</dt><dd>{s.providers.length}{s.localProviders.length > 0 ? ` (${s.localProviders.length} known here before asking)` : ''}</dd></div> : null}
        {t.op === 'provide' ? <div><dt>Took the record</dt><dd>{s.stored.length} of the {s.closest.length} closest: {s.stored.map(shortPeerId).join(', ') || 'none'}</dd></div> : null}
        {t.op === 'closest' ? <div><dt>Closest that answered</dt><dd>{s.closest.length}</dd></div> : null}
      </dl>
      <div className="table-wrap">
        <table className="table waterfall-table stack-table" role="table" aria-label={`Requests of the lookup, ${total} ms in all`}>
          <thead>
            <tr>
              <th scope="col" className="num">Hop</th><th scope="col">Peer</th><th scope="col">Referred by</th><th scope="col" className="num">Shared bits</th>
              <th scope="col" className="num">Path</th><th scope="col">Message</th><th scope="col" className="num">Time</th><th scope="col">Result</th><th scope="col" className="waterfall-axis">0 – {total} ms</th>
            </tr>
          </thead>
          <tbody>
            {t.requests.map((r, i) => {
              const start = r.startedAt - t.startedAt
              return (
                <tr key={`${r.peerId}/${r.message}/${i}`}>
                  <td className="num" data-label="Hop">{r.hop}</td>
                  <th scope="row" className="mono" title={r.peerId}>{shortPeerId(r.peerId)}</th>
                  <td className="mono" data-label="Referred by" title={r.via ?? undefined}>{r.via == null ? 'own table' : shortPeerId(r.via)}</td>
                  <td className="num" data-label="Shared bits">{r.cpl}</td>
                  <td className="num" data-label="Path">{r.path}</td>
                  <td data-label="Message">{r.message}</td>
                  <td className="num" data-label="Time">{r.ms == null ? '–' : `${r.ms} ms`}</td>
                  <td className={r.outcome === 'error' ? 'error-cell stack-wide' : 'stack-wide'} data-label="Result">{resultOf(r)}</td>
                  <td className="waterfall-cell stack-wide" aria-label={`from ${start} ms${r.ms == null ? ', no answer' : ` to ${start + r.ms} ms`}`}>
                    <span
                      className={`waterfall-bar waterfall-${r.outcome}`}
                      style={{ marginLeft: `${Math.min(99, start / total * 100)}%`, width: `${Math.max(1, Math.min(100 - start / total * 100, (r.ms ?? total - start) / total * 100))}%` }}
                    />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {t.droppedRequests > 0 ? <p className="muted">{t.droppedRequests} more requests were not kept.</p> : null}
    </div>
  )
}
