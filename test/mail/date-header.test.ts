import { describe, expect, it } from 'vitest'
import { formatDate } from '../../src/mail/headers.js'

describe('Date header', () => {
  it('formats each date as RFC 5322 date-time in UTC, whatever date came before it', () => {
    const at = (iso: string) => formatDate(new Date(iso))
    expect(at('2026-11-27T07:02:03.000Z')).toBe('Fri, 27 Nov 2026 07:02:03 +0000')
    // The same second again, a millisecond later: the same text.
    expect(at('2026-11-27T07:02:03.999Z')).toBe('Fri, 27 Nov 2026 07:02:03 +0000')
    expect(at('2026-11-27T07:02:04.000Z')).toBe('Fri, 27 Nov 2026 07:02:04 +0000')
    expect(at('1969-12-31T23:59:59.500Z')).toBe('Wed, 31 Dec 1969 23:59:59 +0000')
    expect(at('2030-01-05T00:00:00.000Z')).toBe('Sat, 5 Jan 2030 00:00:00 +0000')
    expect(at('2026-11-27T07:02:03.500Z')).toBe('Fri, 27 Nov 2026 07:02:03 +0000')
  })
})
