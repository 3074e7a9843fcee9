/**
 * Reads one of the inspector's views from the host and re-reads it every
 * few seconds while the panel is shown. The inspector's views are fetched
 * on demand, not kept in the app's store: nothing else reads them, and they
 * cost the engine work only while someone looks.
 */
import { useCallback, useEffect, useRef, useState } from 'react'

export interface Polled<T> {
  readonly data: T | null
  readonly error: string | null
  /** Reads it again now. */
  reload(): void
}

/** `load` is called at once, then every `intervalMs` (null: only on reload); a change of `key` starts over. */
export function usePolled<T> (load: () => Promise<T>, intervalMs: number | null, key = ''): Polled<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const loader = useRef(load)
  loader.current = load
  const alive = useRef(true)
  const reload = useCallback(() => {
    loader.current().then(value => {
      if (!alive.current) return
      setData(value)
      setError(null)
    }, (err: Error) => { if (alive.current) setError(err.message) })
  }, [])
  useEffect(() => {
    alive.current = true
    reload()
    const timer = intervalMs == null ? undefined : setInterval(reload, intervalMs)
    return () => {
      alive.current = false
      clearInterval(timer)
    }
  }, [reload, intervalMs, key])
  return { data, error, reload }
}

/** "3 s ago", "5 min ago", or "never". */
export function ago (at: number | null, now = Date.now()): string {
  if (at == null) return 'never'
  const s = Math.max(0, Math.round((now - at) / 1000))
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${(s / 3600).toFixed(1)} h ago`
}

/** "in 47 h", "in 12 min", or "lapsed". */
export function inTime (at: number | null, now = Date.now()): string {
  if (at == null) return 'unknown'
  const s = Math.round((at - now) / 1000)
  if (s <= 0) return 'lapsed'
  return s < 3600 ? `in ${Math.max(1, Math.round(s / 60))} min` : `in ${(s / 3600).toFixed(1)} h`
}
