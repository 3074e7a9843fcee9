/**
 * A fixed-length set of chunk indices, most significant bit first, as sent
 * in HaveResponse and persisted with a transfer's progress.
 */

export class Bitfield {
  readonly length: number
  private readonly bytes: Uint8Array
  private ones = 0

  constructor (length: number, bytes?: Uint8Array) {
    this.length = length
    this.bytes = new Uint8Array(Math.ceil(length / 8))
    if (bytes != null) {
      this.bytes.set(bytes.subarray(0, this.bytes.length))
      // Bits past `length` are meaningless; clear them so counts stay right.
      const extra = this.bytes.length * 8 - length
      if (extra > 0) this.bytes[this.bytes.length - 1] &= (0xff << extra) & 0xff
      for (const b of this.bytes) this.ones += popcount(b)
    }
  }

  get (i: number): boolean {
    return i >= 0 && i < this.length && (this.bytes[i >> 3] & (0x80 >> (i & 7))) !== 0
  }

  set (i: number): void {
    if (i < 0 || i >= this.length || this.get(i)) return
    this.bytes[i >> 3] |= 0x80 >> (i & 7)
    this.ones++
  }

  clear (i: number): void {
    if (!this.get(i)) return
    this.bytes[i >> 3] &= ~(0x80 >> (i & 7))
    this.ones--
  }

  /** How many bits are set. */
  count (): number {
    return this.ones
  }

  complete (): boolean {
    return this.ones === this.length
  }

  /** A copy of the bytes. */
  toBytes (): Uint8Array {
    return this.bytes.slice()
  }
}

function popcount (b: number): number {
  let n = 0
  for (let x = b; x !== 0; x &= x - 1) n++
  return n
}
