/**
 * Which links the window may hand to the system browser: https on an
 * allowlisted host (or a subdomain), nothing else.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { vetExternalUrl } from '../../electron/main/url-vetting.js'

describe('vetExternalUrl', () => {
  it('lets https links to allowlisted hosts and their subdomains through, normalised', () => {
    assert.equal(vetExternalUrl('https://github.com/libp2p/js-libp2p'), 'https://github.com/libp2p/js-libp2p')
    assert.equal(vetExternalUrl('https://docs.libp2p.io/concepts/'), 'https://docs.libp2p.io/concepts/')
    assert.equal(vetExternalUrl('https://GitHub.com/a?b=c#d'), 'https://github.com/a?b=c#d')
    assert.equal(vetExternalUrl('https://gist.github.com/x'), 'https://gist.github.com/x')
  })

  it('refuses every other scheme', () => {
    for (const url of [
      'http://github.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>',
      'peershare://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', 'app://peershare/index.html',
      'smb://github.com/share', 'ftp://github.com/', 'vbscript:msgbox', 'ms-settings:privacy'
    ]) assert.equal(vetExternalUrl(url), null, url)
  })

  it('refuses hosts that only look allowlisted, credentials, ports and odd characters', () => {
    for (const url of [
      'https://github.com.evil.example/', 'https://evilgithub.com/', 'https://github.com@evil.example/',
      'https://user:pass@github.com/', 'https://github.com:8443/', 'https://127.0.0.1/', 'https://[::1]/',
      ' https://github.com/', 'https://github.com/\nx', 'https://git\u0000hub.com/',
      `https://github.com/${'a'.repeat(3000)}`
    ]) assert.equal(vetExternalUrl(url), null, JSON.stringify(url.slice(0, 60)))
  })

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['https://github.com/'], new URL('https://github.com/')]) {
      assert.equal(vetExternalUrl(value), null)
    }
  })

  it('takes another allowlist', () => {
    assert.equal(vetExternalUrl('https://example.org/', ['example.org']), 'https://example.org/')
    assert.equal(vetExternalUrl('https://github.com/', ['example.org']), null)
  })
})
