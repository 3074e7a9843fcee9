// `npm run fuzz`: the property-based fuzz tests with a long budget
// (PEERSHARE_FUZZ_RUNS runs per property; default here 20000), over the built tests.
import { spawnSync } from 'node:child_process'

const runs = process.env.PEERSHARE_FUZZ_RUNS ?? '20000'
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=3600000', 'dist/test/**/*.fuzz.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, PEERSHARE_FUZZ_RUNS: runs }
})
process.exit(result.status ?? 1)
