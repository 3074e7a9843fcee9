/**
 * How `lab set … nat=… relay-only=…` moves an instance between no NAT, a
 * NAT that can be punched and one that cannot: nat=off ends both,
 * relay-only=off leaves a NAT, nat=on keeps relay-only, and nonsense is
 * refused in words.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nextNat } from '../../electron/lab/steering.js'

describe('lab NAT states', () => {
  it('moves between off, on and relay-only as a person means it', () => {
    assert.equal(nextNat('off', { nat: true }), 'on')
    assert.equal(nextNat('off', { relayOnly: true }), 'relay-only', 'relay-only puts it behind a NAT too')
    assert.equal(nextNat('relay-only', { relayOnly: false }), 'on', 'a NAT that can be punched is left')
    assert.equal(nextNat('relay-only', { nat: true }), 'relay-only', 'nat=on does not undo relay-only')
    assert.equal(nextNat('relay-only', { nat: false }), 'off', 'nat=off ends both')
    assert.equal(nextNat('off', { relayOnly: false }), 'off')
    assert.equal(nextNat('on', {}), 'on')
  })

  it('refuses relay-only without a NAT, and values that are not on or off', () => {
    assert.throws(() => nextNat('off', { nat: false, relayOnly: true }), /relay-only=on needs a NAT/)
    assert.throws(() => nextNat('off', { nat: 'yes' as unknown as boolean }), /on or off/)
  })
})
