/**
 * How each instance state is shown: a word, a symbol and a tone, so a state
 * is never told by colour alone.
 */
import { assertNever } from '../../../shared/index.js'
import type { LabInstanceState } from '../../../shared/lab.js'
import type { BadgeTone } from '../components/state-badge.js'

export interface StateLook {
  readonly label: string
  readonly symbol: string
  readonly tone: BadgeTone
}

/** The look of a state. */
export function stateLook (state: LabInstanceState): StateLook {
  switch (state) {
    case 'starting': return { label: 'Starting', symbol: '◌', tone: 'info' }
    case 'ready': return { label: 'Ready', symbol: '●', tone: 'ok' }
    case 'down': return { label: 'Down', symbol: '✕', tone: 'error' }
    case 'partitioned': return { label: 'Partitioned', symbol: '⊘', tone: 'warn' }
    case 'misbehaving': return { label: 'Misbehaving', symbol: '⚠', tone: 'active' }
    default: return assertNever(state)
  }
}
