/**
 * The Devices view: offers waiting for an answer first (someone is sending
 * you something), then every nearby and paired device by name with what can
 * be done with it (send to it, pair, accept its offers automatically), then
 * pairing by code or link.
 */
import { useStore } from '../../store/index.js'
import { DeviceRow } from './device-row.js'
import { OfferRow } from './offer-row.js'
import { PairingCard } from './pairing-card.js'

export function DevicesView (): React.JSX.Element {
  const devices = useStore(s => s.devices)
  const offers = useStore(s => s.offers)
  const loaded = useStore(s => s.loaded)
  const deviceName = useStore(s => s.settings?.deviceName)
  return (
    <div className="view">
      {offers.length > 0
        ? (
          <section className="card" aria-labelledby="offers-title">
            <h2 id="offers-title">Offered to you <span className="muted">({offers.length})</span></h2>
            <ul className="plain-list">
              {offers.map(o => <li key={o.id}><OfferRow offer={o} /></li>)}
            </ul>
          </section>
          )
        : null}
      <section className="card" aria-labelledby="devices-title">
        <h2 id="devices-title">Devices <span className="muted">({devices.length})</span></h2>
        <p className="hint">
          PeerShare on this network (found nearby) and devices you paired with.
          {deviceName != null ? <> Others see this one as <strong>{deviceName}</strong> (Settings changes it).</> : null}
        </p>
        {devices.length === 0
          ? <p className="empty">{loaded ? 'No devices yet: PeerShare on this local network appears here by itself; pair with others below.' : 'Loading…'}</p>
          : <ul className="plain-list">{devices.map(d => <li key={d.peerId}><DeviceRow device={d} /></li>)}</ul>}
      </section>
      <PairingCard />
    </div>
  )
}
