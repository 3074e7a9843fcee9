/**
 * The application shell: header, the six views as tabs, and the one place
 * that listens for what the desktop host hands over: a peershare:// link
 * opened from elsewhere switches to Transfers and looks the link up; files
 * dropped anywhere on the window switch to Share and are shared. The
 * desktop app also asks, once, whether to use the public network.
 */
import { useEffect, useMemo, useState } from 'react'
import { useStore, useStoreInstance } from '../store/index.js'
import { DevicesView } from '../views/devices/devices-view.js'
import { NetworkView } from '../views/network/network-view.js'
import { PeersView } from '../views/peers/peers-view.js'
import { SettingsView } from '../views/settings/settings-view.js'
import { ShareView, type DropRequest } from '../views/share/share-view.js'
import { TransfersView, type LinkRequest } from '../views/transfers/transfers-view.js'
import { ErrorAlert } from './error-alert.js'
import { Header } from './header.js'
import { PublicNetworkQuestion } from './public-network-question.js'
import { Tabs, type TabSpec } from './tabs.js'
import { ThemeContext, useTheme } from './theme.js'

export type ViewKey = 'share' | 'transfers' | 'devices' | 'peers' | 'network' | 'settings'

export function App (): React.JSX.Element {
  const store = useStoreInstance()
  const { bridge } = store.connection
  const [view, setView] = useState<ViewKey>('share')
  const [linkRequest, setLinkRequest] = useState<LinkRequest | null>(null)
  const [dropRequest, setDropRequest] = useState<DropRequest | null>(null)
  const { choice, setChoice, theme } = useTheme()
  const shareCount = useStore(s => s.shares.length)
  const transferCount = useStore(s => s.transfers.length)
  const peerCount = useStore(s => s.peers.length)
  const deviceCount = useStore(s => s.devices.length)
  const offerCount = useStore(s => s.offers.length)
  const refreshError = useStore(s => s.refreshError)
  const loaded = useStore(s => s.loaded)

  useEffect(() => {
    document.title = `PeerShare — ${bridge.host.profile}`
  }, [bridge.host.profile])

  useEffect(() => {
    const desktop = bridge.desktop
    if (desktop == null) return
    let seq = 0
    return desktop.onOpenLink(link => {
      setView('transfers')
      setLinkRequest({ link, seq: ++seq })
    })
  }, [bridge])

  // In the desktop app, files dropped anywhere on the window are shared (the Share view's drop zone handles its own).
  useEffect(() => {
    const desktop = bridge.desktop
    if (desktop == null) return
    let seq = 0
    const onDragOver = (event: DragEvent): void => { if (event.dataTransfer?.types.includes('Files') === true) event.preventDefault() }
    const onDrop = (event: DragEvent): void => {
      if (event.defaultPrevented) return
      event.preventDefault()
      const paths = [...(event.dataTransfer?.files ?? [])].map(file => desktop.pathForFile(file)).filter(p => p !== '')
      if (paths.length === 0) return
      setView('share')
      setDropRequest({ paths, seq: ++seq })
    }
    document.addEventListener('dragover', onDragOver)
    document.addEventListener('drop', onDrop)
    return () => {
      document.removeEventListener('dragover', onDragOver)
      document.removeEventListener('drop', onDrop)
    }
  }, [bridge])

  const tabs = useMemo((): readonly TabSpec<ViewKey>[] => [
    { key: 'share', label: 'Share', badge: String(shareCount), render: () => <ShareView dropRequest={dropRequest} /> },
    { key: 'transfers', label: 'Transfers', badge: String(transferCount), render: () => <TransfersView linkRequest={linkRequest} /> },
    { key: 'devices', label: 'Devices', badge: offerCount > 0 ? `${offerCount} offered` : String(deviceCount), render: () => <DevicesView /> },
    { key: 'peers', label: 'Peers', badge: String(peerCount), render: () => <PeersView /> },
    { key: 'network', label: 'Network', render: () => <NetworkView /> },
    { key: 'settings', label: 'Settings', render: () => <SettingsView /> }
  ], [shareCount, transferCount, deviceCount, offerCount, peerCount, linkRequest, dropRequest])

  return (
    <ThemeContext.Provider value={theme}>
      <a className="skip-link" href="#main">Skip to content</a>
      <Header profile={bridge.host.profile} themeChoice={choice} onThemeChoice={setChoice} />
      <main id="main" className="main" aria-busy={!loaded}>
        <ErrorAlert title="Cannot refresh" message={refreshError} />
        <PublicNetworkQuestion />
        <Tabs tabs={tabs} selected={view} onSelect={setView} label="Views" />
      </main>
    </ThemeContext.Provider>
  )
}
