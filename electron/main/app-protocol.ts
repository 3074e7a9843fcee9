/**
 * Serves PeerShare's pages on the privileged custom scheme
 * `app://peershare/` from the packaged renderer folder, never from a remote
 * origin or file://. Every response carries the strict Content-Security-
 * Policy as a header, and no path can leave the folder. Registration and
 * handler take Electron's protocol as a narrow part; the resolution and the
 * handler itself are plain functions over fetch's Request/Response, so they
 * run under Node too.
 */
import { readFile, stat } from 'node:fs/promises'
import { extname, join, posix, resolve, sep } from 'node:path'
import type { Protocol } from 'electron'
import { UI_CONTENT_TYPES, UI_CSP_HEADER } from '../host/index.js'
import { APP_HOST, APP_SCHEME } from './app-origin.js'

/** The policy of every page: our own scripts and styles only, nothing framed, posted or embedded (the daemon's UI sends the same). */
export const CONTENT_SECURITY_POLICY = UI_CSP_HEADER

/** The privileges `app:` is registered with before the app is ready. */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  /** Parsed like http (origin, relative URLs); needed for a real origin and for 'self' in the CSP. */
  standard: true,
  /** Treated as a secure context, like https. */
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: true,
  bypassCSP: false,
  allowServiceWorkers: false
})

/** What the window shows when the renderer has not been built into dist/renderer. */
const NOT_BUILT_PAGE = [
  '<!doctype html>',
  '<html lang="en"><head><meta charset="utf-8"><title>PeerShare</title></head>',
  '<body><h1>PeerShare is running</h1>',
  '<p>The user interface is not built into this copy of the app. Run <code>npm run build</code> and start PeerShare again.</p>',
  '</body></html>',
  ''
].join('\n')

/** Registers `app:` as a standard, secure scheme; must run before the app's 'ready'. */
export function registerAppScheme (protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }])
}

/** Answers `app:` requests from `rootDir` for the default session. */
export function serveAppProtocol (protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir))
}

/**
 * Maps an `app://peershare/...` URL onto a file inside `rootDir`, or null
 * when the URL is for another host or its path is malformed or would leave
 * the folder (`..`, encoded separators, backslashes, NUL).
 */
export function resolveAppPath (rootDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') return null
  let decoded: string
  try {
    decoded = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null
  const root = resolve(rootDir)
  const relative = posix.normalize(`/${decoded}`)
  const target = resolve(join(root, relative === '/' ? 'index.html' : relative))
  if (!target.startsWith(root + sep)) return null
  return target
}

/** The protocol handler: GET/HEAD of files under `rootDir`, each with the CSP; index.html for extensionless routes. */
export function createAppRequestHandler (rootDir: string): (request: Request) => Promise<Response> {
  return async function handleAppRequest (request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed.\n')
    const target = resolveAppPath(rootDir, request.url)
    if (target == null) return textResponse(400, 'Bad path.\n')
    let file = await readIfFile(target)
    if (file == null && extname(target) === '') file = await readIfFile(join(resolve(rootDir), 'index.html'))
    if (file == null && target === join(resolve(rootDir), 'index.html')) {
      return new Response(request.method === 'HEAD' ? null : NOT_BUILT_PAGE, { status: 200, headers: securityHeaders('text/html; charset=utf-8') })
    }
    if (file == null) return textResponse(404, 'Not found.\n')
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: securityHeaders(UI_CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream')
    })
  }
}

/** Headers every response carries, the CSP first among them. */
export function securityHeaders (contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache'
  }
}

function textResponse (status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') })
}

async function readIfFile (path: string): Promise<{ path: string, body: Buffer } | null> {
  try {
    if (!(await stat(path)).isFile()) return null
    return { path, body: await readFile(path) }
  } catch {
    return null
  }
}
