/**
 * The engine's face as its hosts see it: how to build one, and what it offers.
 * Hosts (Electron main, the headless daemon, the CLI, tests) use only this.
 */
import type { PeerShareApi, PeerShareEvent } from '../../shared/index.js'
import type { ChunkSource } from './library/chunk-source.js'

export type { ChunkSource }

/** Wraps a chunk source the protocol server is about to serve from. */
export type ChunkSourceDecorator = (source: ChunkSource) => ChunkSource

/**
 * How to build an engine. The settings among these (listen, bootstrap, mdns,
 * downloadDir, uploadLimit, downloadLimit, deviceName) are for this run only: they win
 * over the profile's saved settings and are never saved. Each is checked
 * like an update of settings; a mistake stops the start with an error
 * naming it.
 */
export interface EngineInit {
  /** The profile directory: peer key, settings, store. Created if missing. */
  profileDir: string
  /** Listen multiaddrs; default: the profile's settings, else /ip4/0.0.0.0/tcp/0 and /ip4/0.0.0.0/tcp/0/ws. */
  listen?: readonly string[]
  /** Addresses announced to other peers instead of the listen addresses (a server's public address, a proxy in front of this node), at once and without AutoNAT; for this run only; default none. */
  announce?: readonly string[]
  /** Bootstrap multiaddrs (with /p2p/); default: the profile's settings, else none. */
  bootstrap?: readonly string[]
  /** mDNS discovery on the LAN; default: the profile's settings, else true. */
  mdns?: boolean
  /** Relays (with /p2p/), STUN server URLs, UPnP and offering a relay: default the profile's settings (see SettingsValues). */
  relays?: readonly string[]
  stun?: readonly string[]
  upnp?: boolean
  relayService?: boolean
  /**
   * Hole punching with WebRTC. False leaves WebRTC out, so no hole punch
   * succeeds and connections through a relay stay relayed: what a NAT that
   * maps every flow to a new port does (the lab's relay-only condition;
   * test-only). Default true.
   */
  holePunch?: boolean
  /**
   * Name of the DHT network; nodes only talk DHT with the same name. 'public'
   * is the public IPFS network. Default: 'public' when the profile's
   * publicNetwork setting is 'on', else DEFAULT_NETWORK (defaults.ts).
   */
  network?: string
  /** Download folder; default: the profile's settings, else the profile's own (defaults.ts: ~/Downloads/PeerShare for the default profile). */
  downloadDir?: string
  /** Upload / download caps in bytes per second, 0 for none; default: the profile's settings, else 0. */
  uploadLimit?: number
  downloadLimit?: number
  /** The name other devices see this instance by; default: the profile's settings, else the host name (plus the profile's name unless it is the default). */
  deviceName?: string
  /** Chunk size for new shares in bytes; default 1 MiB. */
  chunkSize?: number
  /**
   * Wraps every chunk source before a chunk is served from it (the host's
   * test-only misbehaving peer is one); default: none, chunks are served as
   * stored and verified.
   */
  chunkSourceDecorator?: ChunkSourceDecorator
  /**
   * A node that runs for one command and then goes (a `peershare get`
   * without a daemon): it joins the DHT as a client only and announces
   * nothing, so no routing table or provider record points at it once it is
   * gone. Default false.
   */
  transient?: boolean
  /**
   * How this host shows a file in the system's file manager (the desktop's
   * shell, the daemon's platform opener), for the showInFolder command.
   * Default none: the command answers that this host cannot.
   */
  reveal?: (path: string) => Promise<void>
}

/** A running (or runnable) PeerShare instance. */
export interface Engine {
  /** The contract: every command in shared/api.ts. */
  readonly api: PeerShareApi
  /** Available after start(). */
  readonly peerId: string
  /** Multiaddrs (with /p2p/) others can dial, after start(). */
  listenAddrs(): string[]
  /** Receive every event; returns the unsubscribe function. */
  subscribe(listener: (event: PeerShareEvent) => void): () => void
  start(): Promise<void>
  stop(): Promise<void>
}
