/**
 * Where a setting's value comes from, in words the settings form shows under
 * the field: a value given on the command line for this run only, or a saved
 * change that waits for the next start. Pure, so each sentence is tested.
 */
import { formatRate, type SettingName, type SettingsValues, type SettingsView } from '../../../../shared/index.js'
import { FIELD_OF, ON_RESTART, type SettingsForm } from './settings-form.js'

const FROM_FLAGS = 'given on the command line for this run only'

/** A note for each form field whose value needs one. */
export function settingNotes (view: SettingsView): Partial<Record<keyof SettingsForm, string>> {
  const notes: Partial<Record<keyof SettingsForm, string>> = {}
  const fromFlags = new Set<SettingName>(view.fromFlags)
  for (const name of Object.keys(FIELD_OF) as SettingName[]) {
    const note = fromFlags.has(name) ? flagNote(name, view) : pendingNote(name, view)
    if (note != null) notes[FIELD_OF[name]] = note
  }
  return notes
}

/** A value this run got from a flag: what it is, and what the form keeps for starts without it. */
function flagNote (name: SettingName, view: SettingsView): string {
  switch (name) {
    case 'deviceName':
      return `This name was ${FROM_FLAGS}; the saved one is "${view.saved.deviceName}". Saving keeps it only if you change it.`
    case 'downloadDir':
      return `This folder was ${FROM_FLAGS}; the saved one is ${view.saved.downloadDir}. Saving keeps it only if you change it.`
    case 'uploadLimit':
    case 'downloadLimit':
      return `This limit was ${FROM_FLAGS}; the saved one is ${rateWords(view.saved[name])}. Saving keeps it only if you change it.`
    default:
      return `This run uses ${valueWords(name, view)}, ${FROM_FLAGS}. The value above is saved for starts without it.`
  }
}

/** A value saved since this run started that applies at the next start. */
function pendingNote (name: SettingName, view: SettingsView): string | null {
  if (!ON_RESTART.includes(name)) return null
  if (sameValue(view[name], view.saved[name])) return null
  return `This run still uses ${valueWords(name, view)}; the value above applies the next time PeerShare starts.`
}

function valueWords (name: SettingName, view: SettingsValues): string {
  switch (name) {
    case 'listen':
      return view.listen.length === 0 ? 'no listen address' : view.listen.join(', ')
    case 'bootstrap':
      return view.bootstrap.length === 0 ? 'no bootstrap peers' : view.bootstrap.join(', ')
    case 'relays':
      return view.relays.length === 0 ? 'no configured relay' : view.relays.join(', ')
    case 'stun':
      return view.stun.length === 0 ? 'the default STUN servers' : view.stun.join(', ')
    case 'mdns':
      return view.mdns ? 'mDNS on' : 'mDNS off'
    case 'upnp':
      return view.upnp ? 'UPnP on' : 'UPnP off'
    case 'relayService':
      return view.relayService ? 'a relay offered to others' : 'no relay offered'
    case 'publicNetwork':
      return view.publicNetwork === 'on' ? 'the public network' : 'PeerShare\'s own network'
    case 'downloadDir':
      return view.downloadDir
    case 'deviceName':
      return `"${view.deviceName}"`
    case 'uploadLimit':
    case 'downloadLimit':
      return rateWords(view[name])
  }
}

function rateWords (bytesPerSecond: number): string {
  return bytesPerSecond <= 0 ? 'unlimited' : formatRate(bytesPerSecond)
}

function sameValue (a: SettingsValues[SettingName], b: SettingsValues[SettingName]): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.join('\n') === b.join('\n') : a === b
}
