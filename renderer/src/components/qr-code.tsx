/**
 * A QR code for a link, drawn by the `qrcode` package into a data: URL
 * image (allowed by the page's CSP), with the link's purpose as alt text.
 */
import { toDataURL } from 'qrcode'
import { useEffect, useState } from 'react'

export interface QrCodeProps {
  readonly text: string
  /** Alt text, e.g. "QR code of the link to holiday.mp4". */
  readonly alt: string
  /** Pixel size; default 192. */
  readonly size?: number
}

export function QrCode ({ text, alt, size = 192 }: QrCodeProps): React.JSX.Element {
  const [src, setSrc] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let live = true
    // Dark modules on white whatever the theme: scanners expect it.
    toDataURL(text, { errorCorrectionLevel: 'L', margin: 2, width: size, color: { dark: '#000000', light: '#ffffff' } })
      .then(url => { if (live) setSrc(url) })
      .catch(() => { if (live) setFailed(true) })
    return () => { live = false }
  }, [text, size])

  if (failed) return <p className="muted">The link is too long for a QR code; copy it instead.</p>
  if (src == null) return <p className="muted">Drawing QR code…</p>
  return <img className="qr" src={src} alt={alt} width={size} height={size} />
}
