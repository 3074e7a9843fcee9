/**
 * One-shot CLI runs (`peershare get ...`) as child processes with a
 * deadline, for tests that check exit codes and output like a script would.
 */
import { spawn } from 'node:child_process'
import { trackProcess } from './cleanup.js'
import { CLI_PATH } from './daemon.js'

export interface CliResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

/**
 * Runs the CLI with the test's Node; SIGKILLs it after `timeoutMs` (default
 * 60 s). `interruptWhen` sends one SIGINT (a person's Ctrl-C) as soon as it
 * returns true for the output so far.
 */
export async function runCli (args: readonly string[], options: { timeoutMs?: number, env?: Record<string, string>, netns?: string, interruptWhen?: (stdout: string) => boolean } = {}): Promise<CliResult> {
  const started = Date.now()
  const [command, ...argv] = inNetns(options.netns, [process.execPath, CLI_PATH, ...args])
  const proc = spawn(command, argv, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  trackProcess(proc)
  let stdout = ''
  let stderr = ''
  let interrupted = false
  proc.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s
    if (!interrupted && options.interruptWhen?.(stdout) === true) {
      interrupted = true
      proc.kill('SIGINT')
    }
  })
  proc.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s })
  const timer = setTimeout(() => {
    stderr += `\n[harness] killed after ${options.timeoutMs ?? 60_000} ms\n`
    proc.kill('SIGKILL')
  }, options.timeoutMs ?? 60_000)
  return await new Promise((resolve, reject) => {
    proc.once('error', err => { clearTimeout(timer); reject(err) })
    proc.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started })
    })
  })
}

/** Prefixes a command with `ip netns exec NS` when a namespace is given (ip execs it, so the pid is the command's). */
export function inNetns (netns: string | undefined, command: readonly string[]): string[] {
  return netns == null ? [...command] : ['ip', 'netns', 'exec', netns, ...command]
}
