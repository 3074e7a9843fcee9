/**
 * Reads a request's JSON body with a size cap: the API takes one small JSON
 * object per command and refuses anything larger before buffering it.
 */
import type { IncomingMessage } from 'node:http'

/** The body is larger than the endpoint accepts. */
export class BodyTooLargeError extends Error {
  readonly code = 'too-large'
  constructor (limit: number) {
    super(`The request body is larger than ${limit} bytes; API requests are small JSON objects.`)
    this.name = 'BodyTooLargeError'
  }
}

/** The body is not a JSON object. */
export class BadJsonBodyError extends Error {
  readonly code = 'bad-request'
  constructor (message: string) {
    super(message)
    this.name = 'BadJsonBodyError'
  }
}

/**
 * Reads and parses the body as a JSON object. An empty body is `{}`, since
 * most commands take no arguments. Throws BodyTooLargeError past `limit`
 * bytes (checked against Content-Length first, then while reading) and
 * BadJsonBodyError for anything but an object.
 */
export async function readJsonBody (req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit)

  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyTooLargeError(limit)
    chunks.push(chunk)
  }

  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (text === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new BadJsonBodyError(`The request body is not valid JSON: ${(err as Error).message}`)
  }
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadJsonBodyError('The request body must be a JSON object holding the command\'s arguments.')
  }
  return value as Record<string, unknown>
}
