import { describe, expect, it } from 'vitest'
import { startEntry } from './entry-process.js'

describe('the entry with a bad configuration', () => {
  it('prints one line per problem to stderr and exits 1 without listening', async () => {
    const entry = startEntry({ PORT: 'eighty', SMTP_TLS: 'ssl', HOST: '0.0.0.0', SMTP_USER: 'u', SMTP_PASS: 'hunter2-secret' })
    expect(await entry.exited).toBe(1)
    const lines = entry.stderr().trim().split('\n')
    expect(lines[0]).toMatch(/^mailbridge: cannot start/)
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual(['PORT', 'SMTP_TLS', 'API_KEYS'])
    expect(entry.stderr()).not.toContain('hunter2')
    expect(entry.stdout()).not.toContain('listening')
  })
})
