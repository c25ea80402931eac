import { describe, expect, it } from 'vitest'
import { foldHeader } from '../../src/mail/fold.js'
import { composeMessage } from '../../src/mail/index.js'

describe('folding after a short continuation line', () => {
  it('folds even when the continuation line is as long as "Name:"', () => {
    // ` yyyyyyy` is 8 characters, like `Subject:`; the next token must still go to a new line.
    const out = foldHeader('Subject', ['x'.repeat(68), 'y'.repeat(7), 'z'.repeat(75)])
    expect(out).toBe(`Subject: ${'x'.repeat(68)}\r\n ${'y'.repeat(7)}\r\n ${'z'.repeat(75)}\r\n`)
  })
  it('a To display name whose second line starts with a 2-letter word keeps every line within 78', () => {
    const name = `${'a'.repeat(74)} xy ${'b'.repeat(76)}`
    const raw = new TextDecoder().decode(composeMessage({ from: 'a@example.com', to: { email: 'b@example.com', name }, subject: 's', text: 't' }).raw)
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'))
    for (const line of head.split('\r\n')) expect(line.length, line).toBeLessThanOrEqual(78)
    expect(head).toContain(`To: ${'a'.repeat(74)}\r\n xy\r\n ${'b'.repeat(76)}\r\n <b@example.com>`)
  })
})
