/**
 * The settings that decide how this node reaches peers behind home routers
 * and is reached by them: relays, STUN servers, UPnP, the relay it offers,
 * and the public IPFS network. All apply the next time PeerShare starts.
 */
import type { SettingsForm } from './settings-form.js'

export interface ReachFieldsProps {
  readonly form: SettingsForm
  /** The id of a form field's input. */
  readonly idOf: (name: keyof SettingsForm) => string
  readonly set: <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => void
  readonly invalid: (name: keyof SettingsForm) => boolean
  /** The note under a field (where its value comes from), if it has one, and its id. */
  readonly noteFor: (name: keyof SettingsForm) => React.JSX.Element | null
  readonly describedBy: (name: keyof SettingsForm, hint?: string) => string | undefined
}

export function ReachFields ({ form, idOf, set, invalid, noteFor, describedBy }: ReachFieldsProps): React.JSX.Element {
  const hint = (name: keyof SettingsForm): string => `${idOf(name)}-hint`
  return (
    <fieldset>
      <legend>Reaching peers behind routers (applies the next time PeerShare starts)</legend>
      <div className="field">
        <label htmlFor={idOf('relays')}>Relays</label>
        <textarea id={idOf('relays')} className="mono" rows={3} value={form.relays} aria-invalid={invalid('relays')} aria-describedby={describedBy('relays', hint('relays'))} spellCheck={false} onChange={e => { set('relays', e.target.value) }} />
        <p className="hint" id={hint('relays')}>One relay address per line, as <span className="mono">peershare relay</span> prints it (ending in /p2p/&lt;peer id&gt;). Behind a NAT, PeerShare keeps a slot on one so others can reach it; bootstrap peers that are relays are used too.</p>
        {noteFor('relays')}
      </div>
      <div className="field">
        <label htmlFor={idOf('stun')}>STUN servers</label>
        <textarea id={idOf('stun')} className="mono" rows={2} value={form.stun} aria-invalid={invalid('stun')} aria-describedby={describedBy('stun', hint('stun'))} spellCheck={false} onChange={e => { set('stun', e.target.value) }} />
        <p className="hint" id={hint('stun')}>One URL per line, e.g. <span className="mono">stun:relay.example.org:3478</span>; used to punch direct connections through NATs. Empty: port 3478 of your relays and bootstrap peers (a PeerShare relay answers there), or public STUN servers on the public network.</p>
        {noteFor('stun')}
      </div>
      <div className="field">
        <label className="check">
          <input id={idOf('upnp')} type="checkbox" checked={form.upnp} aria-describedby={describedBy('upnp')} onChange={e => { set('upnp', e.target.checked) }} />
          Ask the router to forward a port (UPnP)
        </label>
        {noteFor('upnp')}
      </div>
      <div className="field">
        <label className="check">
          <input id={idOf('relayService')} type="checkbox" checked={form.relayService} aria-describedby={describedBy('relayService', hint('relayService'))} onChange={e => { set('relayService', e.target.checked) }} />
          Offer a small relay to others while this computer is reachable from the internet
        </label>
        <p className="hint" id={hint('relayService')}>Each relayed connection may carry 128 KiB for 2 minutes: enough for two peers behind routers to set up a direct connection, not to move their files.</p>
        {noteFor('relayService')}
      </div>
      <div className="field">
        <label className="check">
          <input id={idOf('publicNetwork')} type="checkbox" checked={form.publicNetwork} aria-describedby={describedBy('publicNetwork', hint('publicNetwork'))} onChange={e => { set('publicNetwork', e.target.checked) }} />
          Use the public IPFS network to meet peers and relays
        </label>
        <p className="hint" id={hint('publicNetwork')}>{PUBLIC_NETWORK_REVEALS}</p>
        {noteFor('publicNetwork')}
      </div>
    </fieldset>
  )
}

/** What joining the public network reveals, said wherever a person decides it. */
export const PUBLIC_NETWORK_REVEALS = 'Lets two computers meet with no server of your own. Strangers on that network then see your IP address and the roots of the shares you announce (anyone with a root can fetch that share); addresses on your local network are never published.'
