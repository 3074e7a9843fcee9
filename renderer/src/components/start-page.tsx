/**
 * What a browser shows when it cannot talk to PeerShare yet: no token in
 * the address (the page was opened by hand), a token the daemon refused, or
 * no daemon answering. Each says what to do next.
 */
import { assertNever } from '../../../shared/index.js'
import type { Startup } from '../bridge/index.js'

export type StartProblem = Exclude<Startup, { kind: 'ready' }> | { readonly kind: 'loading' }

export function StartPage ({ problem }: { readonly problem: StartProblem }): React.JSX.Element {
  return (
    <main className="start-page">
      <h1 className="brand">PeerShare</h1>
      <StartMessage problem={problem} />
    </main>
  )
}

function StartMessage ({ problem }: { readonly problem: StartProblem }): React.JSX.Element {
  switch (problem.kind) {
    case 'loading':
      return <p role="status">Connecting to PeerShare…</p>
    case 'no-token':
      return (
        <section aria-labelledby="start-title">
          <h2 id="start-title">Open the address PeerShare printed</h2>
          <p>This page needs the secret address that <code>peershare daemon</code> printed when it started, a line like:</p>
          <pre><code>PeerShare UI: http://127.0.0.1:43121/#token=…</code></pre>
          <p>Open that exact address (or run <code>peershare daemon --open --profile DIR</code> to have it opened for you). The part after <code>#</code> is the key to this PeerShare; it never leaves your browser.</p>
        </section>
      )
    case 'bad-token':
      return (
        <section aria-labelledby="start-title">
          <h2 id="start-title">This address is no longer valid</h2>
          <p role="alert">{problem.message}</p>
          <p>Open the address that <code>peershare daemon</code> printed the last time it started.</p>
        </section>
      )
    case 'unreachable':
      return (
        <section aria-labelledby="start-title">
          <h2 id="start-title">PeerShare is not answering</h2>
          <p role="alert">{problem.message}</p>
          <p>Start it again with <code>peershare daemon --profile DIR</code> and open the address it prints.</p>
        </section>
      )
    default:
      return assertNever(problem)
  }
}
