/**
 * Which process opened a loopback TCP connection. Every instance dials
 * 127.0.0.1 from an unbound socket, so a proxy cannot tell dialers apart by
 * address; on Linux the kernel's socket tables (/proc/net/tcp{,6}) give the
 * dialing socket's inode from its port, and /proc/<pid>/fd tells which of
 * the lab's own children holds that inode. No root is needed: the lab only
 * looks into processes it started. Elsewhere the answer is "unknown", and
 * conditions then apply on the instance's own side only.
 */
import { readdir, readFile, readlink } from 'node:fs/promises'

/** Finds the pid among `candidates` whose socket has local port `localPort` and remote port `remotePort`. */
export async function findSocketOwner (localPort: number, remotePort: number, candidates: readonly number[]): Promise<number | undefined> {
  if (process.platform !== 'linux' || candidates.length === 0) return undefined
  const inode = await socketInode(localPort, remotePort)
  if (inode == null) return undefined
  const target = `socket:[${inode}]`
  for (const pid of candidates) {
    let fds: string[]
    try {
      fds = await readdir(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        if (await readlink(`/proc/${pid}/fd/${fd}`) === target) return pid
      } catch {}
    }
  }
  return undefined
}

/** The inode of the TCP socket with this local and remote port, from the kernel's tables. */
export async function socketInode (localPort: number, remotePort: number): Promise<string | undefined> {
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = await readFile(table, 'utf8')
    } catch {
      continue
    }
    const inode = findInode(text, localPort, remotePort)
    if (inode != null) return inode
  }
  return undefined
}

/** Parses one /proc/net/tcp table: the inode of the row with these ports, if any. */
export function findInode (table: string, localPort: number, remotePort: number): string | undefined {
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/)
    if (cols.length < 10) continue
    const local = Number.parseInt(cols[1].split(':').pop() ?? '', 16)
    const remote = Number.parseInt(cols[2].split(':').pop() ?? '', 16)
    if (local === localPort && remote === remotePort && cols[9] !== '0') return cols[9]
  }
  return undefined
}
