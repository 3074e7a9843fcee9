/**
 * What a browser shows when it cannot talk to PeerShare yet: no token in
 * the address (the page was opened by hand), a token the node refused, or
 * no node answering. Each says what to do next; the first two are served by
 * a running node, so they point at `peershare ui`, which prints (or opens)
 * that node's address, never at starting another one.
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
          <p>This page needs the secret address PeerShare printed when it started (<code>npm start</code> or <code>peershare daemon</code>), a line like:</p>
          <pre><code>PeerShare UI: http://127.0.0.1:43121/#token=…</code></pre>
          <p>Open that exact address. Lost it? PeerShare is running, so <code>peershare ui --profile DIR --open</code> opens it again (without <code>--open</code> it prints it). The part after <code>#</code> is the key to this PeerShare; it never leaves your browser.</p>
        </section>
      )
    case 'bad-token':
      return (
        <section aria-labelledby="start-title">
          <h2 id="start-title">This address is no longer valid</h2>
          <p role="alert">{problem.message}</p>
          <p>Open the address PeerShare printed the last time it started, or run <code>peershare ui --profile DIR --open</code> to open the running node's address.</p>
        </section>
      )
    case 'unreachable':
      return (
        <section aria-labelledby="start-title">
          <h2 id="start-title">PeerShare is not answering</h2>
          <p role="alert">{problem.message}</p>
          <p>Start it again with <code>npm start</code> or <code>peershare daemon --profile DIR --open</code>; a profile keeps its address, so this page works again once it runs.</p>
        </section>
      )
    default:
      return assertNever(problem)
  }
}
