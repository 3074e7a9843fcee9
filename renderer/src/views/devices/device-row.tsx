/**
 * One device: its name, whether it is nearby, paired and online (and how:
 * LAN, direct, relayed), and what can be done with it: send it a file or
 * folder (a path on this machine; in the desktop app, the pickers or files
 * dropped on the device), pair with it
 * by the code it shows, accept its offers automatically, or forget it.
 */
import { memo, useId, useState, type DragEvent, type FormEvent } from 'react'
import type { DeviceView } from '../../../../shared/index.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { StateBadge } from '../../components/state-badge.js'
import { useStoreInstance } from '../../store/index.js'
import { PathField } from '../share/path-field.js'

const PATH_WORDS = { lan: 'on the LAN', direct: 'direct', holepunched: 'direct (hole-punched)', relayed: 'relayed', loopback: 'on this machine' } as const

export const DeviceRow = memo(function DeviceRow ({ device }: { readonly device: DeviceView }): React.JSX.Element {
  const store = useStoreInstance()
  const desktop = store.connection.bridge.desktop
  const id = useId()
  const [path, setPath] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ title: string, message: string } | null>(null)

  const run = (title: string, action: () => Promise<string>): void => {
    setBusy(true)
    setError(null)
    setNote('')
    action()
      .then(setNote)
      .catch((err: Error) => { setError({ title, message: err.message }) })
      .finally(() => { setBusy(false) })
  }

  const send = (paths: readonly string[]): void => {
    run(`Could not send to ${device.name}`, async () => {
      const names: string[] = []
      for (const p of paths) {
        const sent = await store.api.sendTo({ path: p, to: device.peerId })
        store.dispatch({ kind: 'share', share: sent.share })
        names.push(sent.share.name)
      }
      setPath('')
      return `Offered ${names.join(', ')} to ${device.name}; it downloads once accepted there.`
    })
  }

  const onSend = (event: FormEvent): void => {
    event.preventDefault()
    if (path.trim() === '') {
      setError({ title: 'Nothing to send', message: 'Type the full path of a file or folder on this computer (~ is your home folder).' })
      return
    }
    send([path.trim()])
  }

  const onPair = (event: FormEvent): void => {
    event.preventDefault()
    run(`Could not pair with ${device.name}`, async () => {
      await store.api.pair({ code, device: device.peerId })
      setCode('')
      return `Paired with ${device.name}.`
    })
  }

  // In the desktop app, files dropped on a device are sent to it (and not shared by the window's own drop handler).
  const onDrop = (event: DragEvent<HTMLElement>): void => {
    if (desktop == null) return
    event.preventDefault()
    const paths = [...event.dataTransfer.files].map(file => desktop.pathForFile(file)).filter(p => p !== '')
    if (paths.length > 0) send(paths)
  }

  return (
    <article className="item" aria-labelledby={`${id}-name`} onDragOver={e => { if (desktop != null) e.preventDefault() }} onDrop={onDrop}>
      <div className="item-head">
        <h3 id={`${id}-name`} className="item-name">{device.name}</h3>
        {device.online
          ? <StateBadge tone="ok" symbol="●" label={`Online${device.path != null ? `, ${PATH_WORDS[device.path]}` : ''}`} />
          : <StateBadge tone="info" symbol="○" label="Offline" />}
        {device.nearby ? <StateBadge tone="info" symbol="⌂" label="Nearby" /> : null}
        {device.paired ? <StateBadge tone="active" symbol="⚭" label="Paired" /> : null}
      </div>
      <p className="path"><span className="muted">PeerId </span><code>{device.peerId}</code></p>
      {desktop != null
        ? (
          <div className="button-row">
            <span className="muted">Drop files here to send them, or</span>
            <button type="button" className="button primary" disabled={busy} aria-describedby={`${id}-name`} onClick={() => { void desktop.pickPaths('files').then(paths => { if (paths.length > 0) send(paths) }) }}>Send files…</button>
            <button type="button" className="button" disabled={busy} aria-describedby={`${id}-name`} onClick={() => { void desktop.pickPaths('folder').then(paths => { if (paths.length > 0) send(paths) }) }}>Send a folder…</button>
          </div>
          )
        : (
          <form className="inline-form" onSubmit={onSend}>
            <label htmlFor={`${id}-path`}>Send to {device.name}</label>
            <PathField id={`${id}-path`} value={path} onChange={setPath} disabled={busy} describedBy={`${id}-send-hint`} />
            <button type="submit" className="button primary" disabled={busy}>Send</button>
            <p className="hint" id={`${id}-send-hint`}>The full path of a file or folder on this computer. It is shared privately and offered to {device.name}, which accepts or declines.</p>
          </form>
          )}
      {device.paired
        ? (
          <div className="inline">
            <input
              id={`${id}-auto`} type="checkbox" checked={device.autoAccept} disabled={busy}
              onChange={e => {
                const autoAccept = e.target.checked
                run('Could not change it', async () => {
                  await store.api.setAutoAccept({ peerId: device.peerId, autoAccept })
                  return autoAccept ? `What ${device.name} sends is accepted without asking.` : `You are asked before anything from ${device.name} is downloaded.`
                })
              }}
            />
            <label htmlFor={`${id}-auto`}>Accept what {device.name} sends automatically (for your own devices)</label>
            <button type="button" className="button small danger" disabled={busy} aria-describedby={`${id}-name`} onClick={() => { run('Could not unpair', async () => { await store.api.unpair({ peerId: device.peerId }); return `Unpaired from ${device.name}.` }) }}>Unpair</button>
          </div>
          )
        : (
          <form className="inline-form" onSubmit={onPair}>
            <label htmlFor={`${id}-code`}>Pairing code</label>
            <input id={`${id}-code`} type="text" inputMode="numeric" autoComplete="off" value={code} disabled={busy} aria-describedby={`${id}-pair-hint`} onChange={e => { setCode(e.target.value) }} />
            <button type="submit" className="button" disabled={busy}>Pair</button>
            <p className="hint" id={`${id}-pair-hint`}>On {device.name}, choose "Show a pairing code" in Devices, then type that code here.</p>
          </form>
          )}
      <p role="status" className="status-line">{busy ? 'Working…' : note}</p>
      <ErrorAlert title={error?.title ?? ''} message={error?.message ?? null} />
    </article>
  )
})
