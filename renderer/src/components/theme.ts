/**
 * The colour theme: the person's choice (system, light or dark), kept in
 * localStorage; the theme in effect is applied as `data-theme` on <html> so
 * the stylesheet can switch its colour variables; 'system' follows
 * prefers-color-scheme live.
 */
import { createContext, useCallback, useEffect, useState, useSyncExternalStore } from 'react'

export type ThemeChoice = 'system' | 'light' | 'dark'
export type Theme = 'light' | 'dark'

const STORAGE_KEY = 'peershare.theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']

function storedChoice (): ThemeChoice {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY)
    if (value === 'light' || value === 'dark' || value === 'system') return value
  } catch {}
  return 'system'
}

function subscribeSystem (listener: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY)
  query.addEventListener('change', listener)
  return () => { query.removeEventListener('change', listener) }
}

function systemTheme (): Theme {
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light'
}

/** The choice, its setter, and the theme actually in effect. */
export function useTheme (): { choice: ThemeChoice, setChoice: (choice: ThemeChoice) => void, theme: Theme } {
  const [choice, setChoiceState] = useState<ThemeChoice>(storedChoice)
  const system = useSyncExternalStore(subscribeSystem, systemTheme)
  const theme: Theme = choice === 'system' ? system : choice

  // The theme in effect (the system's, live, for 'system') is what the stylesheet switches on.
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  const setChoice = useCallback((next: ThemeChoice) => {
    setChoiceState(next)
    try { window.localStorage.setItem(STORAGE_KEY, next) } catch {}
  }, [])

  return { choice, setChoice, theme }
}

/** The theme in effect, for canvases (charts) that cannot read CSS colours by themselves. */
export const ThemeContext = createContext<Theme>('light')

/** Reads a CSS custom property of <html> (the theme's palette) as a colour string. */
export function cssColor (name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888888'
}
