/**
 * `peershare lab run` as a script would run it: a scenario whose assertion
 * cannot hold exits 1 and names that assertion on stderr, writes its report
 * (one assertion passed, one failed), and leaves no process and no lab
 * folder behind.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import type { ScenarioReport } from '../../electron/lab/scenario/scenario-runner.js'
import { cleanupAll, registerCleanup, runCli, tempDir } from '../support/index.js'
import { killLabOrphans } from './support/lab-process.js'

after(cleanupAll)

test('a scenario with a failing assertion exits non-zero and names it', { timeout: 180_000 }, async () => {
  const dir = await tempDir('scenario')
  const root = join(dir, 'labs')
  // Should `lab run` be killed at the deadline, its daemons go too.
  registerCleanup('kill what the scenario left running', async () => { await killLabOrphans(root) }, 'processes')
  const file = join(dir, 'too-fast.json')
  await writeFile(file, JSON.stringify({
    name: 'too-fast',
    description: 'A 4 MiB download capped at 64 KiB/s cannot be done in 6 s.',
    lab: { size: 2, topology: 'star', seed: 'too-fast' },
    files: [{ id: 'blob', size: '4MiB' }],
    steps: [
      { at: '0s', do: 'share', node: 'n0', file: 'blob' },
      { at: '0s', do: 'set', node: 'n1', down: '64KiB' },
      { at: '1s', do: 'get', node: 'n1', file: 'blob' }
    ],
    assertions: [
      { expect: 'peer-banned', node: 'n1', peer: 'n0', file: 'blob', within: '1s' },
      { expect: 'downloads-done', node: 'n1', file: 'blob', within: '6s' }
    ]
  }))
  const report = join(dir, 'report.json')
  const result = await runCli(['lab', 'run', file, '--root', root, '--report', report], { timeoutMs: 150_000 })
  assert.equal(result.code, 1, `exit code 1\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`)
  assert.match(result.stderr, /scenario too-fast failed: assertion 0 \(n0 banned of blob on n1 within 1 s\)/, result.stderr)
  assert.match(result.stdout, /✖ assertion 1 \(downloads-done of blob on n1 within 6 s\) at \d+\.\d s — n1: downloading \(\d+ %\)/, result.stdout)

  const written = JSON.parse(await readFile(report, 'utf8')) as ScenarioReport
  assert.equal(written.passed, false)
  assert.deepEqual(written.assertions.map(a => a.passed), [false, false])
  assert.ok(written.steps.every(s => s.ok), JSON.stringify(written.steps))
  assert.equal(existsSync(written.lab.folder), false, 'the lab folder is removed')
  assert.deepEqual(await readdir(root), [], 'nothing is left under the lab root')
})

test('a scenario file with a mistake is refused with what is wrong (exit 1, no lab started)', async () => {
  const dir = await tempDir('scenario-bad')
  const file = join(dir, 'bad.json')
  await writeFile(file, JSON.stringify({ name: 'bad', lab: { size: 2 }, steps: [{ do: 'get', node: 'n7', file: 'x' }], assertions: [] }))
  const result = await runCli(['lab', 'run', file, '--root', join(dir, 'labs')], { timeoutMs: 30_000 })
  assert.equal(result.code, 1)
  assert.match(result.stderr, /steps\[0\]: the lab has no node "n7"/)
  assert.equal(existsSync(join(dir, 'labs')), false)
})
