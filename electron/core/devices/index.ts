/** Devices: names (device-names.ts), Nearby (lan-sightings.ts), pairing, offers ("send to"), and the list a person sees. */
export { DeviceList, DeviceUnreachableError } from './device-list.js'
export { DeviceNames } from './device-names.js'
export { LanSightings } from './lan-sightings.js'
export { Offers } from './offers.js'
export { PairedDevices } from './paired-devices.js'
export { Pairing } from './pairing.js'
