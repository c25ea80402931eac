import { describe, expect, it } from 'vitest'
import { isLoopbackHost } from '../../src/config/load.js'

describe('isLoopbackHost', () => {
  it('accepts localhost, 127.0.0.0/8 and ::1 in its spellings', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.9', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::0:1', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(true)
  })

  it('refuses every other address', () => {
    for (const h of ['0.0.0.0', '::', '128.0.0.1', '10.0.0.1', '127.0.0.256', '::2', '1::1', 'example.com', 'app.localhost', '', '127.0.0.1.example.com'])
      expect(isLoopbackHost(h), h).toBe(false)
  })
})
