/**
 * The JSON schema of lookup traces (docs/lookup-trace.schema.json), compiled
 * with Ajv: a test checks a trace or an export against it and gets every
 * mistake as a readable line.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'

/** The schema file in the checkout, seen from dist/test/support/. */
export const TRACE_SCHEMA_PATH = fileURLToPath(new URL('../../../docs/lookup-trace.schema.json', import.meta.url))

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(TRACE_SCHEMA_PATH, 'utf8')) as object)

/** The ways `value` breaks the schema; empty when it matches. */
export function traceSchemaErrors (value: unknown): string[] {
  if (validate(value)) return []
  return (validate.errors ?? []).map(e => `${e.instancePath === '' ? '(top)' : e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}
