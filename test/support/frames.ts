/**
 * Reading varint-length-prefixed frames from a libp2p stream by hand, for
 * the test process's raw nodes. Frames larger than a bound are refused.
 */
import type { Stream } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { decodeVarint, lengthPrefixed, sendAll } from './raw-node.js'

/** Pulls frames off a stream one by one without ending the stream's iteration. */
export class FrameReader {
  private readonly source: AsyncIterator<Uint8Array | Uint8ArrayList>
  private readonly buffer = new Uint8ArrayList()
  private readonly maxFrame: number

  constructor (stream: Stream, maxFrame = 16 * 1024 * 1024) {
    this.source = stream[Symbol.asyncIterator]()
    this.maxFrame = maxFrame
  }

  /** The next frame's bytes, or undefined when the stream ended cleanly between frames. */
  async next (): Promise<Uint8Array | undefined> {
    for (;;) {
      const head = decodeVarint(this.buffer.subarray(0, Math.min(this.buffer.byteLength, 10)))
      if (head != null) {
        if (head.value > this.maxFrame) throw new Error(`frame of ${head.value} bytes exceeds ${this.maxFrame}`)
        if (this.buffer.byteLength >= head.bytes + head.value) {
          const frame = this.buffer.subarray(head.bytes, head.bytes + head.value)
          this.buffer.consume(head.bytes + head.value)
          return frame
        }
      }
      const { done, value } = await this.source.next()
      if (done === true) {
        if (this.buffer.byteLength === 0) return undefined
        throw new Error(`stream ended inside a frame (${this.buffer.byteLength} bytes buffered)`)
      }
      this.buffer.append(value)
    }
  }
}

/** Sends one length-prefixed frame. */
export async function sendFrame (stream: Stream, message: Uint8Array): Promise<void> {
  await sendAll(stream, lengthPrefixed(message))
}
