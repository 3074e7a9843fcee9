/**
 * The HTTP status each contract error code travels with (shared/http.ts).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ERROR_CODES, codeForHttpStatus, httpStatusForCode, type ErrorCode } from '../../shared/index.js'

describe('httpStatusForCode', () => {
  it('maps every code as the binding rules say', () => {
    const expected: Partial<Record<ErrorCode, number>> = {
      'bad-request': 400,
      'invalid-link': 400,
      'unsafe-path': 400,
      'manifest-invalid': 400,
      'too-large': 400,
      unauthorized: 401,
      'not-found': 404,
      'path-not-found': 404,
      'no-providers': 404,
      'no-connections': 503,
      unreachable: 503,
      'disk-full': 507
    }
    for (const code of ERROR_CODES) assert.equal(httpStatusForCode(code), expected[code] ?? 500, code)
  })

  it('guesses a code for a status without a body', () => {
    assert.equal(codeForHttpStatus(401), 'unauthorized')
    assert.equal(codeForHttpStatus(403), 'unauthorized')
    assert.equal(codeForHttpStatus(404), 'not-found')
    assert.equal(codeForHttpStatus(413), 'too-large')
    assert.equal(codeForHttpStatus(418), 'bad-request')
    assert.equal(codeForHttpStatus(502), 'internal')
  })
})
