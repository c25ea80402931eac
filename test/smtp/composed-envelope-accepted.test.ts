import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseAddress } from '../../src/mail/index.js'
import { checkEnvelope } from '../../src/smtp/envelope.js'

// Every address the composer accepts must pass the SMTP client's envelope
// check: otherwise a valid request fails later as a permanent EENVELOPE.

const localChar = fc.constantFrom('a', 'Z', '0', '.', ' ', '"', '\\', '<', '>', '(', ')', ',', ';', ':', '@', '[', ']', '+', '=', '~', 'é', '😀', '\t', '\x7f', '\u0085')
const unquoted = fc.string({ unit: localChar, minLength: 1, maxLength: 20 })
const quoted = unquoted.map((s) => `"${s}"`)
const domain = fc.constantFrom('example.com', 'bücher.example', '[192.0.2.1]', '[IPv6:2001:db8::1]', '[IPv6:::ffff:192.0.2.1]', 'localhost', 'x.y.z')

describe('composer addresses in the SMTP envelope', () => {
  it('whatever parseAddress accepts, checkEnvelope accepts too', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(unquoted, quoted), domain, (local, dom) => {
        let address: string
        try {
          address = parseAddress(`${local}@${dom}`).address
        } catch {
          return // refused by the composer: nothing reaches SMTP
        }
        accepted++
        expect(() => checkEnvelope({ envelope: { from: address, to: [address] }, raw: '' })).not.toThrow()
      }),
      { numRuns: 500 },
    )
    expect(accepted).toBeGreaterThan(50)
  })
})
