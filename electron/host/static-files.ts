/**
 * Serves a built web UI from a folder for the loopback endpoint's non-API
 * GET requests, never anything outside that folder. A path without a file
 * extension that matches no file gets index.html, so a single-page UI can
 * own its routes.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, posix, resolve, sep } from 'node:path'
import { UI_CSP_HEADER } from './ui-files.js'

/** Content types of the files a built UI consists of; also used by the desktop app's `app:` scheme. */
export const UI_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm'
}

/**
 * Headers on every file of the UI: the page's CSP (repeated from its meta
 * tag, so it holds even for a file opened directly), no MIME sniffing, and
 * no Referer, so no address of this endpoint leaks to anything it links to.
 */
export const UI_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': UI_CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer'
}

/**
 * Maps a URL path onto a file path inside `rootDir`, or null when the path
 * is malformed or would leave the folder (`..`, encoded separators, NUL).
 */
export function resolveStaticPath (rootDir: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const root = resolve(rootDir)
  // Dot segments are resolved against the URL root first, as a browser would, so they can never climb above it.
  const target = resolve(join(root, posix.normalize(`/${decoded}`)))
  if (target !== root && !target.startsWith(root + sep)) return null
  return target
}

/** Answers a GET or HEAD for `urlPath` from `rootDir`: the file, index.html, or 404. */
export async function serveStatic (req: IncomingMessage, res: ServerResponse, rootDir: string, urlPath: string): Promise<void> {
  const target = resolveStaticPath(rootDir, urlPath)
  if (target == null) {
    sendText(res, 400, 'Bad path.\n')
    return
  }

  let file = await findFile(target)
  if (file == null && extname(target) === '') file = await findFile(join(resolve(rootDir), 'index.html'))
  if (file == null) {
    sendText(res, 404, 'Not found.\n')
    return
  }

  res.writeHead(200, {
    'content-type': UI_CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': file.size,
    'cache-control': 'no-cache',
    ...UI_SECURITY_HEADERS
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file.path)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

/** Answers a short plain-text page. */
export function sendText (res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff'
  })
  res.end(text)
}

async function findFile (path: string): Promise<{ path: string, size: number } | null> {
  try {
    let info = await stat(path)
    if (info.isDirectory()) {
      path = join(path, 'index.html')
      info = await stat(path)
    }
    return info.isFile() ? { path, size: info.size } : null
  } catch {
    return null
  }
}
