import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'

describe('DEFAULT_FROM must pass ALLOWED_SENDERS', () => {
  it('stops startup with a line naming DEFAULT_FROM when the list refuses it', () => {
    expect(() => loadConfig({ DEFAULT_FROM: 'App <app@other.example>', ALLOWED_SENDERS: '@example.com,ops@example.org' })).toThrow(
      /^DEFAULT_FROM: .*not allowed by ALLOWED_SENDERS$/m,
    )
  })

  it.each([
    ['a domain entry', 'App <app@example.com>', '@example.com'],
    ['an address entry, domain in another case', 'ops@EXAMPLE.org', 'ops@example.org'],
    ['a Unicode domain against its punycode entry', 'news@bücher.example', '@xn--bcher-kva.example'],
  ])('accepts it when %s allows it', (_case, from, allowed) => {
    expect(loadConfig({ DEFAULT_FROM: from, ALLOWED_SENDERS: allowed }).defaultFrom).toBe(from)
  })

  it('accepts any DEFAULT_FROM when ALLOWED_SENDERS is unset', () => {
    expect(loadConfig({ DEFAULT_FROM: 'x@anywhere.example' }).defaultFrom).toBe('x@anywhere.example')
  })
})

describe('DEFAULT_FROM must be an address the composer accepts', () => {
  it.each(['a@b..c', 'a@-b.com', 'ops@bad_label.example', 'Ada <a@b.c'])('stops startup naming DEFAULT_FROM for %s', (from) => {
    expect(() => loadConfig({ DEFAULT_FROM: from })).toThrow(/^DEFAULT_FROM: must be an address/m)
  })
})

describe('ALLOWED_SENDERS entries must be addresses or domains the composer accepts', () => {
  it.each(['ops@a..b', 'ops@-x.example', '@-x.example', '@a..example'])('stops startup naming ALLOWED_SENDERS for %s', (entry) => {
    expect(() => loadConfig({ ALLOWED_SENDERS: `@example.com,${entry}` })).toThrow(/^ALLOWED_SENDERS: entry 2 /m)
  })
})
