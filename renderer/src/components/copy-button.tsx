/**
 * A "Copy" button for links, peer ids and paths. Uses the async clipboard
 * where the page may (secure contexts: Electron, http://127.0.0.1), else
 * the old select-and-copy, and says "Copied" in a polite live region so the
 * result is heard, not only seen.
 */
import { useEffect, useRef, useState } from 'react'

export interface CopyButtonProps {
  /** The text put on the clipboard. */
  readonly text: string
  /** Visible label; default "Copy". */
  readonly label?: string
  /** Id of the element naming what is copied (the row's name), read as the button's description. */
  readonly describedBy?: string
}

/** Copies `text`; resolves true when it worked. */
export async function copyText (text: string): Promise<boolean> {
  try {
    if (navigator.clipboard != null) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Permission refused or no focus: fall back below.
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.className = 'offscreen'
  document.body.append(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}

export function CopyButton ({ text, label = 'Copy', describedBy }: CopyButtonProps): React.JSX.Element {
  const [note, setNote] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => () => { clearTimeout(timer.current) }, [])

  const onClick = (): void => {
    void copyText(text).then(ok => {
      setNote(ok ? 'Copied' : 'Copy failed: select the text and copy it by hand')
      clearTimeout(timer.current)
      timer.current = setTimeout(() => { setNote('') }, 2500)
    })
  }

  return (
    <span className="copy">
      <button type="button" className="button small" onClick={onClick} aria-describedby={describedBy}>{label}</button>
      <span className="copy-note" role="status">{note}</span>
    </span>
  )
}
