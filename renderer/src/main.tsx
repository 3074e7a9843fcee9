/**
 * The renderer's entry point: finds the host (Electron preload or the
 * daemon's loopback API), starts the store, and renders the app, or a page
 * saying how to reach PeerShare when that fails.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connectToHost } from './bridge/index.js'
import { App } from './components/app.js'
import { StartPage } from './components/start-page.js'
import { Store, StoreContext } from './store/index.js'
import './styles/app.css'

const container = document.getElementById('root')
if (container == null) throw new Error('index.html has no #root')
const root = createRoot(container)
root.render(<StartPage problem={{ kind: 'loading' }} />)

const startup = await connectToHost()
if (startup.kind === 'ready') {
  const store = new Store(startup.connection)
  store.start()
  root.render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>
  )
} else {
  root.render(<StartPage problem={startup} />)
}
