/**
 * The soak's nemesis: every few seconds it picks a node and does one of
 * four things to it: SIGKILL and a restart from the same profile, a
 * graceful restart, a stall (SIGSTOP, then SIGCONT), or a partition (all
 * traffic to and from its listening port dropped with iptables, then let
 * through again). At most a third of the nodes are disturbed at once;
 * stop() undoes whatever is still in force and brings every node back.
 */
import { execFile } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { dialAddr, startDaemon, type Daemon } from '../support/index.js'

const run = promisify(execFile)

type Action = 'kill' | 'restart' | 'stall' | 'partition'

export interface NemesisInit {
  /** The soak's nodes; a restarted node replaces its entry. */
  nodes: Daemon[]
  log(msg: string): void
  /** Bootstrap addresses for a restarted node. */
  bootstrap(): string[]
}

export class Nemesis {
  private readonly init: NemesisInit
  private readonly disturbed = new Set<number>()
  private readonly done: Record<Action, number> = { kill: 0, restart: 0, stall: 0, partition: 0 }
  private readonly undo = new Map<number, () => Promise<void>>()
  private readonly chain = `PSSOAK${process.pid}`
  private partitions: 'on' | string = 'on'
  private loop?: Promise<void>
  private stopping = false

  constructor (init: NemesisInit) {
    this.init = init
  }

  /** Whether a node is down, stalled or cut off now. */
  isDisturbed (i: number): boolean {
    return this.disturbed.has(i)
  }

  counts (): Readonly<Record<Action, number>> {
    return { ...this.done }
  }

  /** Whether partitions could be made here, and if not, why. */
  partitionNote (): string {
    return this.partitions === 'on' ? 'iptables' : `off: ${this.partitions}`
  }

  async start (): Promise<void> {
    try {
      await run('iptables', ['-N', this.chain])
      await run('iptables', ['-I', 'INPUT', '-j', this.chain])
    } catch (err) {
      this.partitions = ((err as { stderr?: string }).stderr ?? (err as Error).message).trim().slice(0, 120)
    }
    this.loop = this.run()
  }

  /** Stops acting, undoes every disturbance (each node running and reachable again), removes the rules. */
  async stop (): Promise<void> {
    if (this.stopping) return
    this.stopping = true
    await this.loop
    for (const [i, undo] of [...this.undo]) {
      await undo().catch(err => { this.init.log(`undoing on node-${i}: ${(err as Error).message}`) })
    }
    this.undo.clear()
    await this.reviveAll()
    if (this.partitions === 'on') {
      await run('iptables', ['-D', 'INPUT', '-j', this.chain]).catch(() => {})
      await run('iptables', ['-F', this.chain]).catch(() => {})
      await run('iptables', ['-X', this.chain]).catch(() => {})
    }
  }

  /**
   * Starts again every node that is down: one whose restart did not come up
   * in time (a loaded machine can take more than a minute to start a node)
   * stays down otherwise, and the soak would count its transfers as lost.
   */
  private async reviveAll (): Promise<void> {
    const { nodes, log } = this.init
    for (const [i, node] of nodes.entries()) {
      for (let attempt = 1; nodes[i].exited && attempt <= 3; attempt++) {
        try {
          nodes[i] = await startDaemon({ ...node.options, profileDir: node.profileDir, bootstrap: this.init.bootstrap() })
          log(`nemesis: node-${i} was still down at the end; started again (attempt ${attempt})`)
        } catch (err) {
          log(`nemesis: node-${i} did not start again (attempt ${attempt}): ${tailOf(err)}`)
        }
      }
    }
  }

  private async run (): Promise<void> {
    const { nodes } = this.init
    while (!this.stopping) {
      await sleep(5_000 + Math.random() * 10_000)
      if (this.stopping) break
      const calm = nodes.map((_, i) => i).filter(i => !this.disturbed.has(i))
      if (this.disturbed.size >= Math.floor(nodes.length / 3) || calm.length === 0) continue
      const i = calm[Math.floor(Math.random() * calm.length)]
      const actions: Action[] = this.partitions === 'on' ? ['kill', 'restart', 'stall', 'partition'] : ['kill', 'restart', 'stall']
      const action = actions[Math.floor(Math.random() * actions.length)]
      try {
        await this.act(i, action)
        this.done[action]++
      } catch (err) {
        this.init.log(`nemesis ${action} on node-${i} failed: ${(err as Error).message.slice(0, 200)}`)
      }
    }
  }

  /** Does `action` to node i now and schedules its undoing a few seconds later. */
  private async act (i: number, action: Action): Promise<void> {
    const { nodes, log } = this.init
    const node = nodes[i]
    this.disturbed.add(i)
    const holdMs = 3_000 + Math.random() * 12_000
    let undo: () => Promise<void>
    if (action === 'kill' || action === 'restart') {
      if (action === 'kill') await node.kill()
      else await node.stop()
      undo = async () => { nodes[i] = await startDaemon({ ...node.options, profileDir: node.profileDir, bootstrap: this.init.bootstrap() }) }
    } else if (action === 'stall') {
      node.proc.kill('SIGSTOP')
      undo = async () => { node.proc.kill('SIGCONT') }
    } else {
      const port = dialAddr(node).split('/')[4]
      const rules = [['-p', 'tcp', '--dport', port, '-j', 'DROP'], ['-p', 'tcp', '--sport', port, '-j', 'DROP']]
      for (const r of rules) await run('iptables', ['-A', this.chain, ...r])
      undo = async () => { for (const r of rules) await run('iptables', ['-D', this.chain, ...r]) }
    }
    log(`nemesis: ${action} node-${i} for ${(holdMs / 1000).toFixed(0)} s`)
    const once = async (): Promise<void> => {
      if (!this.undo.has(i)) return
      this.undo.delete(i)
      try {
        await undo()
      } finally {
        this.disturbed.delete(i)
      }
    }
    this.undo.set(i, undo)
    setTimeout(() => { void once().catch(err => { log(`nemesis: undoing ${action} on node-${i}: ${tailOf(err)}`) }) }, holdMs).unref()
  }
}

/** A failed start's first line and the last lines of the daemon's stderr, which say where it was stuck. */
function tailOf (err: unknown): string {
  const lines = (err as Error).message.split('\n')
  return [lines[0].slice(0, 200), ...lines.slice(-6).filter(l => l.trim() !== '' && !l.startsWith('command:')).map(l => `  ${l.slice(0, 300)}`)].join('\n')
}
