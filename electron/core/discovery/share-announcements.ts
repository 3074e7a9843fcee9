/**
 * Which DHT key each served root is announced under: a public root under
 * itself, a private one under its locator. When a share turns private or
 * public, or its link is rotated, the old key is withdrawn before the new
 * one is announced, so the DHT never keeps pointing at a key that no longer
 * opens anything here.
 */
import type { Announcer } from './announcer.js'
import type { CID } from 'multiformats/cid'

export interface ShareAnnouncementsComponents {
  announcer: Pick<Announcer, 'add' | 'remove'>
  /** The DHT key of a root as things are now (access/share-keys.ts). */
  dhtKeyOf(root: string): CID
}

export class ShareAnnouncements {
  private readonly components: ShareAnnouncementsComponents
  /** Root → the key it is announced under now. */
  private readonly announced = new Map<string, string>()

  constructor (components: ShareAnnouncementsComponents) {
    this.components = components
  }

  /** Announces `root` under its current key while `serving`, else withdraws it; resolves once an old key is withdrawn. */
  async update (root: string, serving: boolean): Promise<void> {
    const { announcer } = this.components
    const key = serving ? this.components.dhtKeyOf(root).toString() : undefined
    const before = this.announced.get(root)
    if (before != null && before !== key) {
      this.announced.delete(root)
      await announcer.remove(before)
    }
    if (key == null) return
    this.announced.set(root, key)
    announcer.add(key)
  }
}
