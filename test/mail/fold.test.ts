import { describe, expect, it } from 'vitest'
import { foldHeader } from '../../src/mail/fold.js'
import { composeMessage } from '../../src/mail/index.js'

describe('header folding', () => {
  it('folds before a token that would pass 78 characters', () => {
    const out = foldHeader('Subject', Array.from({ length: 30 }, (_, i) => `word${i}`))
    const lines = out.slice(0, -2).split('\r\n')
    expect(lines.length).toBeGreaterThan(1)
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(78)
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true)
    expect(out.replace(/\r\n /g, ' ')).toBe(`Subject: ${Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')}\r\n`)
  })
  it('never leaves an empty first line or a whitespace-only line', () => {
    const out = foldHeader('X-Long', ['a'.repeat(100), 'b'])
    expect(out).toBe(`X-Long: ${'a'.repeat(100)}\r\n b\r\n`)
    expect(foldHeader('Subject', [])).toBe('Subject:\r\n')
  })
  it('a 300-character subject and a long recipient list fold to 78-character lines', () => {
    const to = Array.from({ length: 12 }, (_, i) => ({ email: `user${i}@example.org`, name: `User Number ${i}, Team` }))
    const raw = new TextDecoder().decode(composeMessage({ from: 'a@example.com', to, subject: 'x'.repeat(300), text: 't' }).raw)
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'))
    for (const l of head.split('\r\n')) expect(l.length).toBeLessThanOrEqual(78)
  })
  it('long display names fold: atom words separately, over-long quoted strings as encoded-words', () => {
    const names = ['Word '.repeat(30).trim(), '"'.repeat(50), 'a.b '.repeat(30).trim()]
    const m = composeMessage({ from: { email: 'a@example.com', name: names[0] }, to: names.map((name, i) => ({ email: `b${i}@example.com`, name })), subject: 's', text: 't' })
    const raw = new TextDecoder().decode(m.raw)
    for (const l of raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n')) expect(l.length).toBeLessThanOrEqual(78)
    expect(raw).toMatch(/^From: Word Word/m)
  })
  it('a long raw word in a custom header stays raw (it may be a structured header)', () => {
    const url = `<https://example.com/unsubscribe?token=${'t'.repeat(150)}>`
    const raw = new TextDecoder().decode(
      composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', headers: { 'List-Unsubscribe': url }, text: 't' }).raw,
    )
    expect(raw).toContain(`\r\nList-Unsubscribe: ${url}\r\n`)
  })
  it('an ASCII value with a 2,000-character word is encoded so it can fold (no line over 998)', () => {
    const raw = new TextDecoder().decode(
      composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 'y'.repeat(2000), headers: { 'X-Token': 'z'.repeat(2000) }, text: 't' }).raw,
    )
    for (const l of raw.split('\r\n')) expect(l.length).toBeLessThanOrEqual(78)
  })
})
