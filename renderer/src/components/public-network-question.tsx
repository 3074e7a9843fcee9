/**
 * The desktop app's one question about the public IPFS network: asked once,
 * on a profile that has never answered it, saying what joining reveals.
 * Either answer is saved (the publicNetwork setting), so it is not asked
 * again; Settings can change it later. Joining applies the next time
 * PeerShare starts.
 */
import { useId, useState } from 'react'
import { useStore, useStoreInstance } from '../store/index.js'
import { PUBLIC_NETWORK_REVEALS } from '../views/settings/reach-fields.js'
import { ErrorAlert } from './error-alert.js'

export function PublicNetworkQuestion (): React.JSX.Element | null {
  const store = useStoreInstance()
  const asked = useStore(s => s.settings?.saved.publicNetwork)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string>()
  const id = useId()
  if (store.connection.bridge.desktop == null || asked !== 'ask') return null

  const answer = async (on: boolean): Promise<void> => {
    setPending(true)
    setError(undefined)
    try {
      const saved = await store.api.updateSettings({ publicNetwork: on ? 'on' : 'off' })
      store.dispatch({ kind: 'snapshot', patch: { settings: saved } })
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setPending(false)
    }
  }

  return (
    <section className="card question" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Find peers on the public IPFS network?</h2>
      <p id={`${id}-text`}>{PUBLIC_NETWORK_REVEALS} Without it, PeerShare meets peers on your local network and through the relays and bootstrap peers you set.</p>
      <div className="button-row">
        <button type="button" className="button primary" disabled={pending} aria-describedby={`${id}-text`} onClick={() => { void answer(true) }}>Use the public network</button>
        <button type="button" className="button" disabled={pending} onClick={() => { void answer(false) }}>Not now</button>
        <span className="hint">Either way you can change it in Settings; joining applies the next time PeerShare starts.</span>
      </div>
      <ErrorAlert title="Not saved" message={error} />
    </section>
  )
}
