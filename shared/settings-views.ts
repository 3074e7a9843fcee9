/**
 * Views of the settings: the values a person may change, and the settings
 * of a running instance with where each comes from (conventions as in
 * views.ts).
 */

/** The values of the settings a person may change; each has a default the engine applies. */
export interface SettingsValues {
  /** Absolute path of the folder new downloads go to. */
  readonly downloadDir: string
  readonly listen: readonly string[]
  /** Multiaddrs ending in /p2p/<peer id>. */
  readonly bootstrap: readonly string[]
  readonly mdns: boolean
  /** Bytes per second, 0 for unlimited. */
  readonly uploadLimit: number
  readonly downloadLimit: number
  /** The name other PeerShare instances see this one by (Nearby, paired devices, offers). */
  readonly deviceName: string
  /** Relays to reserve a slot on while behind a NAT: multiaddrs ending in /p2p/<peer id> (bootstrap peers that are relays count too). */
  readonly relays: readonly string[]
  /**
   * STUN servers for WebRTC hole punching, e.g. stun:relay.example.org:3478.
   * Empty: port 3478 of every relay and bootstrap host given by IP address
   * (`peershare relay` serves STUN there), or public STUN servers on the
   * public network.
   */
  readonly stun: readonly string[]
  /** Ask the home router for a port forward (UPnP IGD). */
  readonly upnp: boolean
  /** Offer a small relay (signalling-sized limits) to others while this node is publicly reachable. */
  readonly relayService: boolean
  /**
   * Join the public IPFS network to meet peers and relays with no server of
   * one's own: 'ask' until the person has answered (treated as off), then
   * 'on' or 'off'.
   */
  readonly publicNetwork: 'ask' | 'on' | 'off'
}

/** The name of one setting. */
export type SettingName = keyof SettingsValues

/**
 * The settings of a running instance. The values at the top are the ones in
 * effect: the download folder and the caps as they are now; listen,
 * bootstrap and mdns as this run started with them (a change to those
 * applies at the next start).
 */
export interface SettingsView extends SettingsValues {
  /**
   * Settings given for this run only, on the command line: their values at
   * the top are the flags', and they are never saved unless a person changes
   * them.
   */
  readonly fromFlags: readonly SettingName[]
  /** What the profile keeps (its saved settings over the defaults): what a start without flags uses. */
  readonly saved: SettingsValues
}
