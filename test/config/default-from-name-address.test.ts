import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'

describe('DEFAULT_FROM with a display name holding an address', () => {
  it('stops startup when ALLOWED_SENDERS is set, as every request without a from would get a 422', () => {
    expect(() => loadConfig({ DEFAULT_FROM: '"ceo@evil.example" <app@example.com>', ALLOWED_SENDERS: '@example.com' })).toThrow(
      /^DEFAULT_FROM: .*display name holding an address/m,
    )
  })

  it('is accepted without ALLOWED_SENDERS', () => {
    expect(loadConfig({ DEFAULT_FROM: '"ceo@evil.example" <app@example.com>' }).defaultFrom).toBe('"ceo@evil.example" <app@example.com>')
  })
})
