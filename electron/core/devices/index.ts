/** Devices: names (device-names.ts), Nearby (lan-sightings.ts), pairing, offers ("send to"), and the list a person sees. */
export { DeviceList } from './device-list.js'
export { DeviceNames, PROTOCOL_DEVICE } from './device-names.js'
export { LanSightings } from './lan-sightings.js'
export { Offers, OfferRefusedError, PROTOCOL_OFFER } from './offers.js'
export { PairedDevices, type PairedDevice } from './paired-devices.js'
export { Pairing, PairingRefusedError, PROTOCOL_PAIR } from './pairing.js'
