/**
 * The lab dashboard's entry point: takes the lab's secret from the address
 * (`#token=…`, as the instance UI does), starts the store and renders.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { takeToken } from '../bridge/token.js'
import { Dashboard } from './dashboard.js'
import { createLabApi } from './lab-api.js'
import { LabStore, LabStoreContext } from './lab-store.js'
import '../styles/app.css'
import './lab.css'

const container = document.getElementById('root')
if (container == null) throw new Error('index.html has no #root')
const root = createRoot(container)
const token = takeToken()
if (token == null) {
  root.render(
    <main className="main">
      <h1 className="brand">PeerShare lab</h1>
      <p>Open the dashboard address that <code>peershare lab up</code> printed (it carries the lab's secret after the #).</p>
    </main>
  )
} else {
  const store = new LabStore(createLabApi(token))
  store.start()
  root.render(
    <StrictMode>
      <LabStoreContext.Provider value={store}>
        <Dashboard />
      </LabStoreContext.Provider>
    </StrictMode>
  )
}
