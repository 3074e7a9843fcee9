/**
 * Budgets for the property-based fuzz tests: a short run inside `npm test`,
 * a long one with `npm run fuzz` (PEERSHARE_FUZZ_RUNS sets the runs per
 * property). A failure prints fast-check's seed and path to replay it.
 */
import assert from 'node:assert/strict'

/** Runs per property: PEERSHARE_FUZZ_RUNS, else `short`. */
export function fuzzRuns (short = 300): number {
  const n = Number(process.env.PEERSHARE_FUZZ_RUNS)
  return Number.isSafeInteger(n) && n > 0 ? n : short
}

/** Asserts `fn` returns, or throws one of the named errors; any other throw fails with what it was. */
export function onlyNamedErrors (fn: () => unknown, names: readonly string[]): void {
  try {
    fn()
  } catch (err) {
    const name = (err as Error)?.name
    assert.ok(names.includes(name), `threw ${name}: ${(err as Error)?.message} (expected only ${names.join(', ')})`)
  }
}
