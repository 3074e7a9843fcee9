/** placeholder */
import type { CliIo } from '../io.js'
import type { LabCliCommand } from './lab-args.js'
export async function labRunCommand (_command: Extract<LabCliCommand, { kind: 'run' }>, _io: CliIo): Promise<number> {
  return 1
}
