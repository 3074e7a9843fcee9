/**
 * The part of @msimerson/stun (a maintained STUN codec, RFC 5389/8489, with
 * no types of its own) that PeerShare's STUN server uses.
 */
declare module '@msimerson/stun' {
  /** A decoded STUN message. */
  export interface StunMessage {
    readonly type: number
    readonly transactionId: Buffer
    isLegacy(): boolean
    getAttribute(type: number): { readonly value: unknown } | undefined
    hasAttribute(type: number): boolean
  }

  /** A decoded message with typed getters. */
  export interface StunResponse extends StunMessage {
    getXorAddress(): { address: string, port: number, family: 'IPv4' | 'IPv6' } | undefined
    getSoftware(): string | undefined
  }

  /** A message being built. */
  export interface StunRequest extends StunMessage {
    setType(type: number): void
    setTransactionId(id: Buffer): boolean
    addXorAddress(address: string, port: number): unknown
    addSoftware(software: string): unknown
    addFingerprint(): boolean
    toBuffer(): Buffer
  }

  export function decode (message: Buffer): StunResponse
  export function createMessage (type: number, transaction?: Buffer): StunRequest

  export const constants: {
    readonly STUN_BINDING_REQUEST: number
    readonly STUN_BINDING_RESPONSE: number
    readonly STUN_ATTR_XOR_MAPPED_ADDRESS: number
    readonly STUN_ATTR_FINGERPRINT: number
    readonly STUN_ATTR_SOFTWARE: number
  }
}
