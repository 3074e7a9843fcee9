/**
 * The headless host's face: the loopback API server, its client, the
 * daemon, and the profile files they agree on. The CLI and tests import
 * from here.
 */
export { ApiServer, createApiServer, sendJson, API_HOST, type ApiServerComponents, type ApiServerInit } from './api-server.js'
export {
  connectApi, findDaemon, isProcessAlive,
  type ApiClient, type ApiClientCommands, type CallOptions, type ConnectApiInit, type FindDaemonOptions, type SubscribeOptions
} from './api-client.js'
export { runDaemon, type RunDaemonOptions, type RunningDaemon } from './daemon.js'
export {
  loadOrCreateSecret, readSecret, readDaemonInfo, writeDaemonInfo, removeDaemonInfo,
  secretFilePath, daemonFilePath, isDaemonInfo
} from './profile-secret.js'
export { builtUiDir, uiUrl, UI_CONTENT_SECURITY_POLICY, UI_CSP_HEADER } from './ui-files.js'
export { openInBrowser, browserCommand } from './open-browser.js'
export { revealInFolder, revealCommand, NoFileManagerError } from './reveal-in-folder.js'
export { readApiPort } from './api-port.js'
export { UI_SECURITY_HEADERS, UI_CONTENT_TYPES } from './static-files.js'
export { DaemonAlreadyRunningError, InvalidSecretFileError } from './errors.js'
export { misbehavingSources, isMisbehaviour, type Misbehaviour } from './misbehaving-source.js'
// For other hosts on loopback (the lab) that guard and serve the same way.
export { SecretCheck, isAllowedHost, isAllowedOrigin, presentedSecret } from './request-guard.js'
export { serveStatic, sendText } from './static-files.js'
export { readJsonBody, BadJsonBodyError, BodyTooLargeError } from './json-body.js'
