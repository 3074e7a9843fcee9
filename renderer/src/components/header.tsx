/**
 * The top bar: which profile this is, its peer id, how many peers are
 * connected, whether the link to the host is up, and the theme choice.
 */
import { useId } from 'react'
import { shortPeerId } from '../../../shared/index.js'
import { useStore } from '../store/index.js'
import { CopyButton } from './copy-button.js'
import { THEME_CHOICES, type ThemeChoice } from './theme.js'

export interface HeaderProps {
  readonly profile: string
  readonly themeChoice: ThemeChoice
  readonly onThemeChoice: (choice: ThemeChoice) => void
}

const THEME_LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' }

export function Header ({ profile, themeChoice, onThemeChoice }: HeaderProps): React.JSX.Element {
  const peerId = useStore(s => s.health?.peerId)
  const connections = useStore(s => s.peers.length)
  const link = useStore(s => s.link)
  const themeId = useId()
  const peerLabelId = useId()

  return (
    <header className="header">
      <h1 className="brand">PeerShare</h1>
      <dl className="header-facts">
        <div>
          <dt>Profile</dt>
          <dd>{profile}</dd>
        </div>
        <div>
          <dt id={peerLabelId}>Peer ID</dt>
          <dd>
            {peerId != null
              ? <><code title={peerId}>{shortPeerId(peerId)}</code> <CopyButton text={peerId} label="Copy" describedBy={peerLabelId} /></>
              : '…'}
          </dd>
        </div>
        <div>
          <dt>Connections</dt>
          <dd>{connections}</dd>
        </div>
      </dl>
      <div className="header-status" role="status">
        {link === 'reconnecting' ? <span className="badge badge-warn"><span aria-hidden="true">⟳ </span>Reconnecting to PeerShare… this page catches up by itself when it is back.</span> : null}
      </div>
      <div className="theme-picker">
        <label htmlFor={themeId}>Theme</label>
        <select id={themeId} value={themeChoice} onChange={e => { onThemeChoice(e.target.value as ThemeChoice) }}>
          {THEME_CHOICES.map(choice => <option key={choice} value={choice}>{THEME_LABELS[choice]}</option>)}
        </select>
      </div>
    </header>
  )
}
