import { describe, expect, it } from 'vitest'
import { composeMessage } from '../../src/mail/index.js'

describe('a 10 MB attachment', () => {
  it('is written as the caller\'s base64 in 76-character lines, with no other copy in the result', () => {
    const chunk = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(3 * 4096))))
    const content = chunk.repeat(Math.ceil((10 * 1024 * 1024) / chunk.length))
    const m = composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't', attachments: [{ filename: 'big.bin', content }] })
    const lines = Math.ceil(content.length / 76)
    const start = new TextDecoder().decode(m.raw.subarray(0, 2000)).indexOf('Content-Disposition: attachment; filename="big.bin"\r\n\r\n')
    expect(start).toBeGreaterThan(0)
    const bodyStart = start + 'Content-Disposition: attachment; filename="big.bin"\r\n\r\n'.length
    const body = m.raw.subarray(bodyStart, bodyStart + content.length + 2 * (lines - 1))
    // The result is the message bytes and nothing else: about the size of the folded base64.
    expect(m.raw.length).toBeLessThan(body.length + 2000)
    let ok = true
    let j = 0
    for (let i = 0; i < body.length && ok; i++) {
      if ((i + 2) % 78 === 0 || (i + 1) % 78 === 0) ok = body[i] === ((i + 1) % 78 === 0 ? 10 : 13)
      else ok = body[i] === content.charCodeAt(j++)
    }
    expect(ok).toBe(true)
    expect(j).toBe(content.length)
    expect(new TextDecoder().decode(m.raw.subarray(bodyStart + body.length))).toMatch(/^\r\n--=_mb_[0-9a-f]{32}--\r\n$/)
  })
})
