/** Path completion in the browser's "Path to share": what a suggestion fills in, and when the node is asked. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { completable, completionOf, MAX_SUGGESTIONS, suggestionsFor } from '../../../../renderer/src/views/share/path-completion.js'
import type { FolderEntryView, FolderListingView } from '../../../../shared/index.js'

const entry = (name: string, kind: 'file' | 'folder'): FolderEntryView => ({ name, path: `/home/ana/${name}`, kind, size: kind === 'file' ? 1 : null })
const listing = (entries: FolderEntryView[]): FolderListingView => ({ folder: '/home/ana', parent: '/home', home: '/home/ana', separator: '/', filter: '', entries, truncated: false })

describe('path completion', () => {
  it('fills in a folder with its separator, so completion carries on inside it', () => {
    assert.equal(completionOf(entry('Videos', 'folder'), '/'), '/home/ana/Videos/')
    assert.equal(completionOf(entry('notes.txt', 'file'), '/'), '/home/ana/notes.txt')
  })

  it('offers at most a few suggestions, and none when the only one is already typed', () => {
    const many = Array.from({ length: 40 }, (_, i) => entry(`f${i}`, 'file'))
    assert.equal(suggestionsFor(listing(many), '/home/ana/').length, MAX_SUGGESTIONS)
    assert.deepEqual(suggestionsFor(listing([entry('notes.txt', 'file')]), '/home/ana/notes.txt'), [])
  })

  it('asks the node only about a path that says where it starts', () => {
    for (const typed of ['/', '/ho', '~', '~/Vid', 'C:\\Users']) assert.equal(completable(typed), true, typed)
    for (const typed of ['', 'Videos', './x']) assert.equal(completable(typed), false, typed)
  })
})
