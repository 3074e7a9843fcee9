/**
 * The merged log: bounded, fetched incrementally, filtered by node, fed
 * line by line from chunked process output.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LogBook } from '../../electron/lab/log-book.js'

describe('the lab log', () => {
  it('splits chunks into lines and keeps partial lines until they end', () => {
    const book = new LogBook()
    const write = book.lineWriter('n1', 'stderr')
    write('first li')
    write('ne\nsecond\r\n\nthi')
    assert.deepEqual(book.read().map(l => l.text), ['first line', 'second'])
    write('rd\n')
    assert.deepEqual(book.read({ after: 2 }).map(l => [l.seq, l.node, l.stream, l.text]), [[3, 'n1', 'stderr', 'third']])
  })

  it('filters by node, the lab\'s actions by stream, and keeps only the newest lines', () => {
    const book = new LogBook({ capacity: 5 })
    for (let i = 0; i < 4; i++) book.add(`n${i % 2}`, 'stdout', `line ${i}`)
    book.action('kill -9', 'n1')
    book.action('lab stopping')
    assert.deepEqual(book.read({ node: 'n1' }).map(l => l.text), ['line 1', 'line 3', 'kill -9'])
    assert.deepEqual(book.read({ node: 'lab' }).map(l => l.text), ['kill -9', 'lab stopping'])
    assert.equal(book.read().length, 5, 'capacity 5')
    assert.equal(book.read()[0].text, 'line 1', 'the oldest went first')
    assert.deepEqual(book.read({ limit: 2 }).map(l => l.text), ['kill -9', 'lab stopping'], 'a limit keeps the newest')
  })
})
