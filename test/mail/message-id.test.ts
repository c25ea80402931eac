import { describe, expect, it } from 'vitest'
import { createMessageId, MESSAGE_ID_BYTES } from '../../src/mail/headers.js'

describe('Message-ID', () => {
  it('is <lower-case hex of the random bytes@domain>', () => {
    const bytes = Uint8Array.from([0x00, 0x01, 0x0f, 0x10, 0x7e, 0x80, 0xa5, 0xff, 0x3c, 0xc3, 0x09, 0x90, 0xde, 0xad, 0xbe, 0xef, 0x5a, 0xf0])
    expect(bytes.length).toBe(MESSAGE_ID_BYTES)
    const id = createMessageId('example.com', (n) => bytes.subarray(0, n))
    expect(id).toBe('<00010f107e80a5ff3cc30990deadbeef5af0@example.com>')
  })
})
