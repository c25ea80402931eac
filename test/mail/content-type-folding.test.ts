import { describe, expect, it } from 'vitest'
import { composeMessage } from '../../src/mail/index.js'
import { parseBoth } from './parse.js'

async function compose(contentType: string, filename = 'report.txt') {
  const msg = composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't', attachments: [{ filename, content: '', content_type: contentType }] })
  const parsed = await parseBoth(msg.raw)
  const lines = parsed.raw.split('\r\n')
  const params = parsed.mailparser.attachments[0]?.headers.get('content-type') as { value: string; params: Record<string, string> }
  return { ...parsed, lines, params }
}

describe('long content_type parameters', () => {
  it('a 5,000-character parameter is folded into RFC 2231 continuations within 78 characters', async () => {
    const value = 'a'.repeat(5000)
    const { raw, lines, params } = await compose(`text/plain; x=${value}`)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78)
    expect(raw).toMatch(/^Content-Type: text\/plain;\r\n x\*0\*=utf-8''a+;\r\n x\*1\*=a+;/m)
    expect(params).toEqual({ value: 'text/plain', params: { x: value, name: 'report.txt' } })
  })
  it('a long quoted value with spaces, quotes and backslashes round-trips', async () => {
    const value = 'say "hi" \\ '.repeat(200)
    const { lines, params } = await compose(`text/plain; title="${value.replace(/[\\"]/g, '\\$&')}"`)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78)
    expect(params.params.title).toBe(value)
  })
  it('non-ASCII RFC 2231 values are written again without splitting a character', async () => {
    const value = '长'.repeat(400)
    const { raw, lines, params } = await compose(`text/plain; title*=utf-8'zh'${'%E9%95%BF'.repeat(400)}`)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78)
    expect(raw).toContain("title*0*=utf-8'zh'%E9%95%BF")
    for (const m of raw.matchAll(/title\*\d+\*=(?:utf-8'zh')?([^;\r]*)/g)) expect(m[1]).toMatch(/^(?:%E9%95%BF)+$/)
    expect(params.params.title).toBe(value)
  })
  it('short parameters stay on the first line as written', async () => {
    const { raw } = await compose('text/csv; charset=utf-8; header=present')
    expect(raw).toMatch(/^Content-Type: text\/csv; charset=utf-8; header=present; name="report.txt"\r$/m)
  })
  it('a parameter name too long for a line still keeps each line within 998', async () => {
    const { lines, params } = await compose(`text/plain; ${'n'.repeat(127)}=${'v'.repeat(3000)}`)
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(998)
      if (line.length > 78) expect(line.trim()).not.toMatch(/\s/) // one token, nowhere to fold
    }
    expect(params.params['n'.repeat(127)]).toBe('v'.repeat(3000))
  })
})
