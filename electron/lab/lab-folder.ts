/**
 * Where labs live and what a lab folder holds: one folder per lab under the
 * lab root, with `lab.json` (what `lab up --json` printed, plus the
 * supervisor's pid), `lab-secret` (the dashboard's and the lab API's secret)
 * and one profile folder per instance (n0, n1, …). `lab ls` reads these
 * files, so it lists labs whether or not their supervisor still runs.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { isProcessAlive } from '../host/index.js'
import type { LabDescription } from '../../shared/lab.js'
import { InvalidLabNameError } from './errors.js'

/** The files of a lab folder. */
export const LAB_FILES = {
  description: 'lab.json',
  secret: 'lab-secret'
} as const

/** The lab root: `$PEERSHARE_LAB_ROOT`, else ~/.peershare-labs. */
export function defaultLabRoot (env: { PEERSHARE_LAB_ROOT?: string } = process.env): string {
  const fromEnv = env.PEERSHARE_LAB_ROOT
  return fromEnv != null && fromEnv !== '' ? resolve(fromEnv) : join(homedir(), '.peershare-labs')
}

/** Checks a lab name (it becomes a folder and part of the DHT network's name). */
export function checkLabName (name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(name)) throw new InvalidLabNameError(name)
  return name
}

/** The folder of lab `name`. */
export function labFolder (root: string, name: string): string {
  return join(root, checkLabName(name))
}

/** The profile folder of instance `index`. */
export function instanceProfile (folder: string, index: number): string {
  return join(folder, `n${index}`)
}

/** Creates the lab folder (private to the user) and its secret; returns the secret. */
export async function prepareLabFolder (folder: string): Promise<string> {
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const secret = randomBytes(32).toString('hex')
  await writeFile(join(folder, LAB_FILES.secret), `${secret}\n`, { mode: 0o600 })
  return secret
}

/** Reads a lab's secret, or null when it has none. */
export async function readLabSecret (folder: string): Promise<string | null> {
  try {
    const text = (await readFile(join(folder, LAB_FILES.secret), 'utf8')).trim()
    return text === '' ? null : text
  } catch {
    return null
  }
}

/** Writes lab.json atomically, readable only by the owner (it holds the dashboard's address). */
export async function writeLabDescription (folder: string, description: LabDescription): Promise<void> {
  const file = join(folder, LAB_FILES.description)
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 })
  await rename(temp, file)
}

/** Reads lab.json, or null when absent or unreadable. */
export async function readLabDescription (folder: string): Promise<LabDescription | null> {
  try {
    const value = JSON.parse(await readFile(join(folder, LAB_FILES.description), 'utf8')) as LabDescription
    return typeof value?.name === 'string' && Array.isArray(value.instances) ? value : null
  } catch {
    return null
  }
}

/** A lab found under the root. */
export interface LabListing {
  readonly name: string
  readonly folder: string
  readonly running: boolean
  readonly description: LabDescription | null
}

/** Every lab folder under `root`, running or not, by name. */
export async function listLabs (root: string): Promise<LabListing[]> {
  let names: string[]
  try {
    names = (await readdir(root, { withFileTypes: true })).filter(d => d.isDirectory()).map(d => d.name)
  } catch {
    return []
  }
  const out: LabListing[] = []
  for (const name of names.sort()) {
    const folder = join(root, name)
    const description = await readLabDescription(folder)
    out.push({ name, folder, running: description != null && isProcessAlive(description.pid), description })
  }
  return out
}

/** Removes a lab folder and everything in it. */
export async function removeLabFolder (folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true, maxRetries: 3 })
}
