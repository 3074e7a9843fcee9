/**
 * Every launcher of a PeerShare node gives it the same V8 flags: the
 * `peershare` command's shebang and its re-run on the checkout's Node (plain
 * JavaScript, so it cannot import them) must list exactly NODE_FLAGS.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { NODE_FLAGS, electronJsFlags } from '../../electron/cli/node-flags.js'

const BIN = fileURLToPath(new URL('../../../bin/peershare.js', import.meta.url))

describe('node flags', () => {
  it('the peershare command starts Node with NODE_FLAGS, and re-runs itself with them', async () => {
    const source = await readFile(BIN, 'utf8')
    const shebang = source.split('\n')[0]
    assert.equal(shebang, `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`)
    const listed = /const NODE_FLAGS = (\[.*\])/.exec(source)?.[1]
    assert.ok(listed != null, 'bin/peershare.js lists its NODE_FLAGS')
    assert.deepEqual(JSON.parse(listed.replaceAll("'", '"')), [...NODE_FLAGS])
  })

  it('hands Electron the same flags for its main process', () => {
    assert.equal(electronJsFlags(), `--js-flags=${NODE_FLAGS.join(' ')}`)
  })
})
