/**
 * The `peershare` CLI against a running daemon, as a person at a terminal
 * sees it: what lands on stdout and stderr and the exit code. The daemon is
 * the real API server over an in-memory FAKE engine, registered in a temp
 * profile the way a daemon registers itself, so the CLI finds it exactly as
 * it would find a real one.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { CliIo } from '../../electron/cli/io.js'
import { runCli } from '../../electron/cli/run.js'
import { ApiServer } from '../../electron/host/api-server.js'
import { loadOrCreateSecret, writeDaemonInfo } from '../../electron/host/profile-secret.js'
import type { ShareJobView, TransferView } from '../../shared/index.js'
import { FAKE_SHARE, FAKE_TRANSFER, FakeEngine } from '../host/fake-engine.js'

function captureIo (): CliIo & { out: () => string, err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: { write: (text: string) => { out += text } },
    stderr: { write: (text: string) => { err += text }, isTTY: false },
    out: () => out,
    err: () => err
  }
}

/** The calls a command made, without the `status` probe by which the CLI finds the daemon. */
function callsBeyondStatus (engine: FakeEngine): FakeEngine['calls'] {
  return engine.calls.filter(c => c.command !== 'status')
}

describe('CLI with a daemon', () => {
  let dir: string
  let engine: FakeEngine
  let server: ApiServer
  /** Where the fake engine's finished download is, as a real file (get looks before it says so). */
  let saved: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'peershare-cli-'))
    saved = join(dir, 'movie.mkv')
    await writeFile(saved, 'the downloaded bytes')
    engine = new FakeEngine()
    server = new ApiServer({ engine }, { secret: await loadOrCreateSecret(dir) })
    await server.start()
    await writeDaemonInfo(dir, { pid: process.pid, peerId: engine.peerId, addrs: engine.listenAddrs(), api: server.url })
  })

  after(async () => {
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  })

  beforeEach(() => {
    engine.calls.length = 0
    for (const key of Object.keys(engine.handlers)) delete engine.handlers[key as keyof typeof engine.handlers]
  })

  it('share hands the absolute path to the daemon and prints the link', async () => {
    const io = captureIo()
    const code = await runCli(['share', 'some/file.bin', '--profile', dir], io, {})
    assert.equal(code, 0, io.err())
    assert.equal(io.out(), `${FAKE_SHARE.link}\n`)
    assert.deepEqual(callsBeyondStatus(engine), [{ command: 'share', req: { path: join(process.cwd(), 'some/file.bin'), public: false } }], 'private unless --public')
  })

  it('share --public asks for a public share', async () => {
    const io = captureIo()
    assert.equal(await runCli(['share', '/data/x', '--public', '--profile', dir], io, {}), 0, io.err())
    assert.deepEqual(callsBeyondStatus(engine), [{ command: 'share', req: { path: '/data/x', public: true } }])
  })

  it('share --json prints the share job as JSON lines, the last one done with the ShareView', async () => {
    const io = captureIo()
    assert.equal(await runCli(['share', '/data/x', '--profile', dir, '--json'], io, {}), 0)
    const lines = io.out().trim().split('\n').map(l => JSON.parse(l) as ShareJobView)
    assert.equal(lines.at(-1)?.state, 'done')
    assert.deepEqual(lines.at(-1)?.share, { ...FAKE_SHARE, path: '/data/x' })
  })

  it('get follows the download through events to done and prints the final path', async () => {
    const done: TransferView = { ...FAKE_TRANSFER, state: 'done', bytesDone: FAKE_TRANSFER.size, chunksDone: 3, path: saved }
    engine.handlers.download = () => {
      setTimeout(() => {
        engine.emit({ kind: 'transfer', transfer: { ...FAKE_TRANSFER, chunksDone: 2 } })
        engine.emit({ kind: 'transfer', transfer: done })
      }, 50)
      return FAKE_TRANSFER
    }
    const io = captureIo()
    const code = await runCli(['get', `peershare://${FAKE_TRANSFER.root}`, '--profile', dir, '--out', 'dl'], io, {})
    assert.equal(code, 0, io.err())
    assert.equal(io.out(), `${saved}\n`)
    assert.deepEqual(callsBeyondStatus(engine)[0], { command: 'download', req: { link: `peershare://${FAKE_TRANSFER.root}`, outDir: join(process.cwd(), 'dl') } })
  })

  it('get --json prints the final TransferView as one JSON line', async () => {
    const done: TransferView = { ...FAKE_TRANSFER, state: 'done', path: saved }
    engine.handlers.download = () => done
    const io = captureIo()
    assert.equal(await runCli(['get', FAKE_TRANSFER.root, '--profile', dir, '--json'], io, {}), 0)
    assert.deepEqual(JSON.parse(io.out()), done)
  })

  it('get exits 0 only when the file is at the path it prints: a done download whose file is gone exits 1 and says so', async () => {
    engine.handlers.download = () => ({ ...FAKE_TRANSFER, state: 'done', path: join(dir, 'gone.mkv') })
    const io = captureIo()
    assert.equal(await runCli(['get', FAKE_TRANSFER.root, '--profile', dir], io, {}), 1)
    assert.equal(io.out(), '', 'no path is printed')
    assert.match(io.err(), new RegExp(`nothing is at ${join(dir, 'gone.mkv')} \\(ENOENT\\); run the same command again`))

    engine.handlers.download = () => ({ ...FAKE_TRANSFER, state: 'done', path: saved, missingFiles: [saved] })
    const missing = captureIo()
    assert.equal(await runCli(['get', FAKE_TRANSFER.root, '--profile', dir], missing, {}), 1)
    assert.match(missing.err(), /is no longer there; run the same command again to fetch it again/)
  })

  it('a finished get says on stderr, in one line, how much came how fast from how many peers', async () => {
    const peer = { peerId: '12D3KooWPeer', foundVia: 'link' as const, has: 3, inFlight: 0, chunksReceived: 3, bytesReceived: FAKE_TRANSFER.size, rate: 0, badChunks: 0, banned: false }
    engine.handlers.download = () => ({ ...FAKE_TRANSFER, state: 'done', path: saved, peers: [peer], chunksFetched: 3, finishedAt: FAKE_TRANSFER.startedAt + 2000 })
    const io = captureIo()
    assert.equal(await runCli(['get', FAKE_TRANSFER.root, '--profile', dir], io, {}), 0, io.err())
    assert.equal(io.out(), `${saved}\n`)
    assert.equal(io.err(), 'Downloaded "movie.mkv": 3.0 MiB, in 2 s, 1.5 MiB/s on average, from 1 peer.\n')
  })

  it('with --json, a failure is one JSON line too', async () => {
    engine.handlers.download = () => { throw Object.assign(new Error('The link is not a PeerShare link.'), { code: 'invalid-link' }) }
    const io = captureIo()
    assert.equal(await runCli(['get', 'nonsense', '--profile', dir, '--json'], io, {}), 1)
    assert.deepEqual(JSON.parse(io.out()), { error: { code: 'invalid-link', message: 'The link is not a PeerShare link.' } })
    assert.equal(io.err(), '')
  })

  it('get exits 1 with the error on stderr when the download fails', async () => {
    engine.handlers.download = () => {
      setTimeout(() => engine.emit({ kind: 'transfer', transfer: { ...FAKE_TRANSFER, state: 'failed', error: { code: 'no-providers', message: 'No peer serving it could be found.' } } }), 50)
      return FAKE_TRANSFER
    }
    const io = captureIo()
    assert.equal(await runCli(['get', FAKE_TRANSFER.root, '--profile', dir], io, {}), 1)
    assert.equal(io.err(), 'peershare: No peer serving it could be found.\n')
    assert.equal(io.out(), '')
  })

  it('get exits 1 when the download is paused by an error (disk full)', async () => {
    engine.handlers.download = () => FAKE_TRANSFER
    // Seen through polling only: no event is sent.
    engine.handlers.transfers = () => [{ ...FAKE_TRANSFER, state: 'paused', error: { code: 'disk-full', message: 'The disk is full.' } }]
    const io = captureIo()
    assert.equal(await runCli(['get', FAKE_TRANSFER.root, '--profile', dir], io, {}), 1)
    assert.equal(io.err(), 'peershare: The disk is full.\n')
  })

  it('get resumes a download that was left paused', async () => {
    engine.handlers.download = () => ({ ...FAKE_TRANSFER, state: 'paused' })
    engine.handlers.resume = () => ({ ...FAKE_TRANSFER, state: 'done', path: saved })
    const io = captureIo()
    assert.equal(await runCli(['get', FAKE_TRANSFER.root, '--profile', dir], io, {}), 0, io.err())
    assert.deepEqual(callsBeyondStatus(engine).map(c => c.command), ['download', 'resume'])
  })

  it('get reports an engine error of the download call itself', async () => {
    engine.handlers.download = () => { throw Object.assign(new Error('The link is not a PeerShare link.'), { code: 'invalid-link' }) }
    const io = captureIo()
    assert.equal(await runCli(['get', 'nonsense', '--profile', dir], io, {}), 1)
    assert.equal(io.err(), 'peershare: The link is not a PeerShare link.\n')
  })

  it('ls prints shares and downloads as tables, and --json the raw views', async () => {
    const io = captureIo()
    assert.equal(await runCli(['ls', '--profile', dir], io, {}), 0)
    assert.match(io.out(), /Shares:\nNAME +SIZE/)
    assert.match(io.out(), /movie\.mkv +3\.0 MiB/)
    assert.match(io.out(), /Downloads:\nNAME +STATE/)
    const json = captureIo()
    assert.equal(await runCli(['ls', '--profile', dir, '--json'], json, {}), 0)
    assert.deepEqual(JSON.parse(json.out()), { shares: [FAKE_SHARE], transfers: [FAKE_TRANSFER] })
  })

  it('status, peers and dht print summaries, and raw JSON with --json', async () => {
    const io = captureIo()
    assert.equal(await runCli(['status', '--profile', dir], io, {}), 0, io.err())
    assert.match(io.out(), new RegExp(`PeerId: +${engine.peerId}`))
    assert.match(io.out(), /Running: +yes, up /)

    const peers = captureIo()
    assert.equal(await runCli(['peers', '--profile', dir], peers, {}), 0, peers.err())
    assert.equal(peers.out(), 'No connected peers.\n')

    engine.handlers.dht = () => ({
      mode: 'server', protocol: '/t/kad/1.0.0', routingTableSize: 1, kBucketSize: 20,
      buckets: [{ prefix: '', depth: 0, peers: ['12D3KooWAbcdefghijklmnopqrstuvwxyz'] }],
      providerRecords: [{ root: FAKE_SHARE.root, provider: '12D3KooWAbc', receivedAt: 0 }],
      announced: [{ root: FAKE_SHARE.root, lastAnnouncedAt: null }]
    })
    const dht = captureIo()
    assert.equal(await runCli(['dht', '--profile', dir], dht, {}), 0, dht.err())
    assert.match(dht.out(), /\(root\) +0 +1 +12D3KooW…uvwxyz/)
    assert.match(dht.out(), /not yet/)

    const json = captureIo()
    assert.equal(await runCli(['status', '--profile', dir, '--json'], json, {}), 0)
    assert.equal(JSON.parse(json.out()).peerId, engine.peerId)
  })
})

describe('CLI usage', () => {
  it('prints usage for help and exits 0', async () => {
    const io = captureIo()
    assert.equal(await runCli(['help'], io, {}), 0)
    assert.match(io.out(), /^Usage: peershare/)
    assert.match(io.out(), /PEERSHARE_TEST_MISBEHAVE/)
  })

  it('prints a command\'s own help for CMD --help and help CMD', async () => {
    for (const argv of [['get', '--help'], ['help', 'get']]) {
      const io = captureIo()
      assert.equal(await runCli(argv, io, {}), 0)
      assert.match(io.out(), /^Usage: peershare get LINK/)
      assert.match(io.out(), /--out DIR/)
      assert.doesNotMatch(io.out(), /Commands:/, 'not the overview')
    }
    const ls = captureIo()
    assert.equal(await runCli(['ls', '--help'], ls, {}), 0)
    assert.match(ls.out(), /^Usage: peershare ls/)
  })

  it('prints its version for --version', async () => {
    const io = captureIo()
    assert.equal(await runCli(['--version'], io, {}), 0)
    assert.match(io.out(), /^peershare \d+\.\d+\.\d+\n$/)
  })

  it('with --json, a usage error is one JSON line on stdout', async () => {
    const io = captureIo()
    assert.equal(await runCli(['frobnicate', '--json'], io, {}), 2)
    assert.deepEqual(JSON.parse(io.out()), { error: { code: 'bad-request', message: 'Unknown command "frobnicate".' } })
    assert.equal(io.err(), '')
  })

  it('says plainly that a profile path is a file, not a folder', async () => {
    const file = join(tmpdir(), `peershare-not-a-folder-${process.pid}`)
    await writeFile(file, 'x')
    try {
      for (const profile of [file, join(file, 'below')]) {
        const io = captureIo()
        assert.equal(await runCli(['status', '--profile', profile], io, {}), 1)
        assert.match(io.err(), /^peershare: The profile .* is a file, not a folder\. A profile is a folder/)
        assert.doesNotMatch(io.err(), /ENOTDIR|EEXIST/)
        const json = captureIo()
        assert.equal(await runCli(['daemon', '--profile', profile, '--json'], json, {}), 1)
        assert.equal(JSON.parse(json.out()).error.code, 'bad-request')
      }
    } finally {
      await rm(file, { force: true })
    }
  })

  it('exits 2 with a short usage on a usage error', async () => {
    const io = captureIo()
    assert.equal(await runCli(['frobnicate', '--profile', '/tmp/x'], io, {}), 2)
    assert.match(io.err(), /^peershare: Unknown command "frobnicate"\.\nUsage: peershare/)
    assert.equal(io.out(), '')
  })
})
