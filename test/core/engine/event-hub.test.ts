/**
 * What a listener of the engine's events receives when progress changes
 * faster than it is worth telling: one event per key per throttle window,
 * at once on a change of state, and always the last change, on fake time.
 */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it, mock } from 'node:test'
import { EventHub } from '../../../electron/core/engine/event-hub.js'
import type { PeerShareEvent } from '../../../shared/index.js'

const WINDOW = 250

/** A hub and the `share-removed` events it delivered, as "root@ms since start". */
function setup (): { hub: EventHub, seen: string[], change: (key: string, state: string, value: string) => void } {
  const hub = new EventHub({ throttle: WINDOW })
  const seen: string[] = []
  const start = Date.now()
  hub.subscribe(e => { if (e.kind === 'share-removed') seen.push(`${e.root}@${Date.now() - start}`) })
  const change = (key: string, state: string, value: string): void => {
    hub.throttled(key, state, () => ({ kind: 'share-removed', root: value }))
  }
  return { hub, seen, change }
}

describe('event hub', () => {
  beforeEach(() => { mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }) })
  afterEach(() => { mock.timers.reset() })

  it('sends the first change at once and folds the rest of the window into one trailing event with the latest value', () => {
    const { seen, change } = setup()
    change('t', 'downloading', 'v1')
    assert.deepEqual(seen, ['v1@0'])
    mock.timers.tick(50)
    change('t', 'downloading', 'v2')
    mock.timers.tick(50)
    change('t', 'downloading', 'v3')
    assert.deepEqual(seen, ['v1@0'], 'nothing more within the window')
    mock.timers.tick(149)
    assert.deepEqual(seen, ['v1@0'])
    mock.timers.tick(1)
    assert.deepEqual(seen, ['v1@0', 'v3@250'], 'the trailing event carries the last change, when the window ends')
    mock.timers.tick(10 * WINDOW)
    assert.deepEqual(seen, ['v1@0', 'v3@250'], 'no event without a change')
  })

  it('sends at most one event per window while changes keep coming', () => {
    const { seen, change } = setup()
    for (let ms = 0; ms < 1000; ms += 10) {
      change('t', 'downloading', `v${ms}`)
      mock.timers.tick(10)
    }
    mock.timers.tick(WINDOW)
    const times = seen.map(s => Number(s.split('@')[1]))
    for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= WINDOW, `events ${WINDOW} ms apart at least: ${seen.join(', ')}`)
    assert.ok(seen.length >= 4 && seen.length <= 5, `about one event per window over a second: ${seen.join(', ')}`)
    assert.equal(seen.at(-1)?.split('@')[0], 'v990', 'the last change arrives')
  })

  it('sends a change of state at once, even within the window, and drops the trailing event it replaces', () => {
    const { seen, change } = setup()
    change('t', 'downloading', 'progress-1')
    mock.timers.tick(20)
    change('t', 'downloading', 'progress-2')
    mock.timers.tick(20)
    change('t', 'done', 'done')
    assert.deepEqual(seen, ['progress-1@0', 'done@40'])
    mock.timers.tick(10 * WINDOW)
    assert.deepEqual(seen, ['progress-1@0', 'done@40'], 'the stale progress event is not sent after done')
  })

  it('throttles each key on its own', () => {
    const { seen, change } = setup()
    change('a', 'downloading', 'a1')
    change('b', 'downloading', 'b1')
    change('a', 'downloading', 'a2')
    assert.deepEqual(seen, ['a1@0', 'b1@0'])
    mock.timers.tick(WINDOW)
    assert.deepEqual(seen, ['a1@0', 'b1@0', 'a2@250'])
  })

  it('sends nothing when the source has nothing to say by the time the event is due', () => {
    const { hub, seen, change } = setup()
    change('s', 'seeding', 'first')
    let gone = false
    hub.throttled('s', 'seeding', () => gone ? undefined : { kind: 'share-removed', root: 'late' })
    gone = true
    mock.timers.tick(WINDOW)
    assert.deepEqual(seen, ['first@0'])
  })

  it('drops due trailing events on clear, and keeps its listeners', () => {
    const { hub, seen, change } = setup()
    change('t', 'downloading', 'v1')
    change('t', 'downloading', 'v2')
    hub.clear()
    mock.timers.tick(10 * WINDOW)
    assert.deepEqual(seen, ['v1@0'])
    change('t', 'downloading', 'v3')
    assert.deepEqual(seen, ['v1@0', 'v3@2500'], 'after clear the next change is news again')
  })

  it('keeps delivering to other listeners when one throws, and stops delivering after unsubscribe', () => {
    const hub = new EventHub({ throttle: WINDOW })
    const got: PeerShareEvent[] = []
    hub.subscribe(() => { throw new Error('listener bug') })
    const unsubscribe = hub.subscribe(e => { got.push(e) })
    hub.emit({ kind: 'peer-disconnected', peerId: 'p1' })
    unsubscribe()
    hub.emit({ kind: 'peer-disconnected', peerId: 'p2' })
    assert.deepEqual(got, [{ kind: 'peer-disconnected', peerId: 'p1' }])
  })
})
