/**
 * The Settings view: download folder, listen port, bootstrap peers, mDNS,
 * bandwidth caps and how to reach peers behind routers (reach-fields.tsx), saved with updateSettings. Caps apply at once; the
 * network settings on the next start, and the form says so. Values given on
 * the command line for this run are marked as such, and a save sends only
 * what the person changed, so it never makes them permanent.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { SettingsView as Settings } from '../../../../shared/index.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useStore, useStoreInstance } from '../../store/index.js'
import { RATE_UNITS, fromForm, needsRestart, toForm, type RateUnit, type SettingsForm } from './settings-form.js'
import { ReachFields } from './reach-fields.js'
import { settingNotes } from './setting-notes.js'

export function SettingsView (): React.JSX.Element {
  const settings = useStore(s => s.settings)
  const store = useStoreInstance()
  // Settings have no events: re-read them whenever the view opens, in case the CLI or another window changed them.
  useEffect(() => { void store.refreshSettings() }, [store])
  if (settings == null) return <div className="view"><p className="empty">Loading…</p></div>
  return <SettingsEditor settings={settings} />
}

function SettingsEditor ({ settings }: { readonly settings: Settings }): React.JSX.Element {
  const store = useStoreInstance()
  const [form, setForm] = useState<SettingsForm>(() => toForm(settings))
  const [error, setError] = useState<{ field: keyof SettingsForm | null, message: string } | null>(null)
  const [note, setNote] = useState('')
  const [saving, setSaving] = useState(false)
  const id = useId()
  const f = (name: keyof SettingsForm): string => `${id}-${name}`

  // Settings saved elsewhere (the CLI, another window) show up unless this form has unsaved edits.
  const [base, setBase] = useState(settings)
  useEffect(() => {
    if (settings !== base) {
      setBase(settings)
      setForm(current => JSON.stringify(current) === JSON.stringify(toForm(base)) ? toForm(settings) : current)
    }
  }, [settings, base])

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]): void => { setForm(current => ({ ...current, [key]: value })) }

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setNote('')
    const parsed = fromForm(form, settings)
    if (!parsed.ok) {
      setError({ field: parsed.field, message: parsed.message })
      document.getElementById(f(parsed.field))?.focus()
      return
    }
    setError(null)
    if (Object.keys(parsed.value).length === 0) {
      setNote('Nothing to save: no setting was changed.')
      return
    }
    setSaving(true)
    try {
      const saved = await store.api.updateSettings(parsed.value)
      store.dispatch({ kind: 'snapshot', patch: { settings: saved } })
      setBase(saved)
      setForm(toForm(saved))
      setNote(needsRestart(parsed.value)
        ? 'Saved. Bandwidth limits and the download folder apply now; listen port, bootstrap peers, mDNS and the settings for reaching peers apply the next time PeerShare starts.'
        : 'Saved. The changes apply now.')
    } catch (err) {
      setError({ field: null, message: (err as Error).message })
    } finally {
      setSaving(false)
    }
  }

  const invalid = (name: keyof SettingsForm): boolean => error?.field === name
  const notes = settingNotes(settings)
  const noteId = (name: keyof SettingsForm): string | undefined => notes[name] != null ? `${f(name)}-note` : undefined
  const describedBy = (...ids: Array<string | undefined>): string | undefined => ids.filter(i => i != null).join(' ') || undefined
  const noteFor = (name: keyof SettingsForm): React.JSX.Element | null =>
    notes[name] != null ? <p className="hint setting-note" id={noteId(name)}>{notes[name]}</p> : null

  return (
    <div className="view">
      <form className="card settings" onSubmit={e => { void save(e) }} aria-labelledby={`${id}-title`} noValidate>
        <h2 id={`${id}-title`}>Settings</h2>

        <fieldset>
          <legend>Applies now</legend>
          <div className="field">
            <label htmlFor={f('deviceName')}>Device name</label>
            <input id={f('deviceName')} type="text" maxLength={64} value={form.deviceName} aria-invalid={invalid('deviceName')} aria-describedby={describedBy(`${f('deviceName')}-hint`, noteId('deviceName'))} onChange={e => { set('deviceName', e.target.value) }} />
            <p className="hint" id={`${f('deviceName')}-hint`}>What other PeerShare devices see this one as, in their Devices list and in what you send them.</p>
            {noteFor('deviceName')}
          </div>
          <div className="field">
            <label htmlFor={f('downloadDir')}>Download folder</label>
            <input id={f('downloadDir')} className="mono" type="text" value={form.downloadDir} aria-invalid={invalid('downloadDir')} aria-describedby={describedBy(noteId('downloadDir'))} spellCheck={false} onChange={e => { set('downloadDir', e.target.value) }} />
            <p className="hint">New downloads are saved here.</p>
            {noteFor('downloadDir')}
          </div>
          <RateField
            id={f('uploadLimit')} unitId={`${f('uploadLimit')}-unit`} label="Upload limit" value={form.uploadLimit} unit={form.uploadUnit} invalid={invalid('uploadLimit')}
            note={notes.uploadLimit} onValue={v => { set('uploadLimit', v) }} onUnit={u => { set('uploadUnit', u) }}
          />
          <RateField
            id={f('downloadLimit')} unitId={`${f('downloadLimit')}-unit`} label="Download limit" value={form.downloadLimit} unit={form.downloadUnit} invalid={invalid('downloadLimit')}
            note={notes.downloadLimit} onValue={v => { set('downloadLimit', v) }} onUnit={u => { set('downloadUnit', u) }}
          />
        </fieldset>

        <fieldset>
          <legend>Applies the next time PeerShare starts</legend>
          <div className="field">
            <label htmlFor={f('port')}>Listen port</label>
            <input id={f('port')} type="number" min={0} max={65535} inputMode="numeric" value={form.port} aria-invalid={invalid('port')} aria-describedby={describedBy(`${f('port')}-hint`, noteId('port'))} onChange={e => { set('port', e.target.value) }} />
            <p className="hint" id={`${f('port')}-hint`}>TCP port for other peers to connect to; 0 picks a free one at each start. Saved listen addresses: <span className="mono">{settings.saved.listen.join(', ') || 'none'}</span></p>
            {noteFor('port')}
          </div>
          <div className="field">
            <label htmlFor={f('bootstrap')}>Bootstrap peers</label>
            <textarea id={f('bootstrap')} className="mono" rows={4} value={form.bootstrap} aria-invalid={invalid('bootstrap')} aria-describedby={describedBy(`${f('bootstrap')}-hint`, noteId('bootstrap'))} spellCheck={false} onChange={e => { set('bootstrap', e.target.value) }} />
            <p className="hint" id={`${f('bootstrap')}-hint`}>One multiaddr per line, each ending in /p2p/&lt;peer id&gt;.</p>
            {noteFor('bootstrap')}
          </div>
          <div className="field">
            <label className="check">
              <input id={f('mdns')} type="checkbox" checked={form.mdns} aria-describedby={describedBy(noteId('mdns'))} onChange={e => { set('mdns', e.target.checked) }} />
              Find peers on the local network (mDNS)
            </label>
            {noteFor('mdns')}
          </div>
        </fieldset>

        <ReachFields form={form} idOf={f} set={set} invalid={invalid} noteFor={noteFor} describedBy={(name, hint) => describedBy(hint, noteId(name))} />

        <ErrorAlert title="Not saved" message={error?.message} />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={saving}>Save settings</button>
          <span role="status" className="status-line">{saving ? 'Saving…' : note}</span>
        </div>
      </form>
    </div>
  )
}

interface RateFieldProps {
  readonly id: string
  readonly unitId: string
  readonly label: string
  readonly value: string
  readonly unit: RateUnit
  readonly invalid: boolean
  /** Where the value comes from, when it needs saying. */
  readonly note?: string
  readonly onValue: (value: string) => void
  readonly onUnit: (unit: RateUnit) => void
}

function RateField ({ id, unitId, label, value, unit, invalid, note, onValue, onUnit }: RateFieldProps): React.JSX.Element {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="inline">
        <input id={id} type="number" min={0} step="any" inputMode="decimal" value={value} aria-invalid={invalid} aria-describedby={note != null ? `${id}-hint ${id}-note` : `${id}-hint`} onChange={e => { onValue(e.target.value) }} />
        <select id={unitId} aria-label={`${label} unit`} value={unit} onChange={e => { onUnit(e.target.value as RateUnit) }}>
          {RATE_UNITS.map(u => <option key={u} value={u}>{u}</option>)}
        </select>
      </div>
      <p className="hint" id={`${id}-hint`}>0 means unlimited.</p>
      {note != null && <p className="hint setting-note" id={`${id}-note`}>{note}</p>}
    </div>
  )
}
