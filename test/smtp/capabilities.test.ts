import { describe, expect, it } from 'vitest'
import { parseCapabilities } from '../../src/smtp/capabilities.js'
import { ReplyParser } from '../../src/smtp/reply.js'

const caps = (text: string) => parseCapabilities(new ReplyParser().feed(new TextEncoder().encode(text))[0]!)

describe('EHLO capability parsing', () => {
  it('reads every extension mailbridge uses', () => {
    const c = caps(
      '250-mx.test greets you\r\n250-SIZE 10240000\r\n250-PIPELINING\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN cram-md5\r\n' +
        '250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250 DSN\r\n',
    )
    expect(c).toMatchObject({
      helo: false,
      size: 10240000,
      pipelining: true,
      starttls: true,
      eightBitMime: true,
      smtpUtf8: true,
      enhancedStatusCodes: true,
      dsn: true,
    })
    expect(c.auth).toEqual(['PLAIN', 'LOGIN', 'CRAM-MD5'])
  })

  it('merges the legacy AUTH= form and tolerates the empty last line of smtp-sink', () => {
    const c = caps('250-sink\r\n250-AUTH=LOGIN\r\n250-AUTH PLAIN\r\n250 \r\n')
    expect(c.auth.slice().sort()).toEqual(['LOGIN', 'PLAIN'])
    expect(c.pipelining).toBe(false)
    expect(c.size).toBeNull()
  })

  it('reads SIZE without a number as "no limit announced"', () => {
    expect(caps('250-x\r\n250 SIZE\r\n').size).toBe(0)
  })

  it('has nothing for a greeting-only reply', () => {
    const c = caps('250 mx.test\r\n')
    expect(c.extensions.size).toBe(0)
    expect(c.starttls).toBe(false)
  })
})
