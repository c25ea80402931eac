import { describe, expect, it } from 'vitest'
import { extractQueueId } from '../../src/smtp/reply-queue-id.js'
import { ReplyParser, replyText } from '../../src/smtp/reply.js'

/** The text after the code and enhanced code, as the client passes it. */
const text = (reply: string) => replyText(new ReplyParser().feed(new TextEncoder().encode(reply + '\r\n'))[0]!)

describe('queue id from the final reply', () => {
  it.each([
    ['Postfix', '250 2.0.0 Ok: queued as 4XyZ12AbC', '4XyZ12AbC'],
    ['smtp-server', '250 OK: queued as TESTQ7', 'TESTQ7'],
    ['maildev', '250 Message queued as 7d3f1a', '7d3f1a'],
    ['Exim', '250 OK id=1rAbCd-000123-4X', '1rAbCd-000123-4X'],
    ['OpenSMTPD', '250 2.0.0 29b1089b Message accepted for delivery', '29b1089b'],
    ['OpenSMTPD 6.x', '250 2.0.0: 29b1089b Message accepted for delivery', '29b1089b'],
    ['Sendmail', '250 2.0.0 4AQ7x1Zb012345 Message accepted for delivery', '4AQ7x1Zb012345'],
    ['Gmail', '250 2.0.0 OK  1700000000 a1b2c3d4e5-f6g7h8.12 - gsmtp', 'a1b2c3d4e5-f6g7h8.12'],
    ['Amazon SES', '250 Ok 0100018c5d2e3f4a-12345678-9abc-def0-1234-56789abcdef0-000000', '0100018c5d2e3f4a-12345678-9abc-def0-1234-56789abcdef0-000000'],
    ['Exchange', '250 2.6.0 <abc@mail.example.com> [InternalId=123, Hostname=EX1] Queued mail for delivery', '<abc@mail.example.com>'],
    ['qmail', '250 ok 1700000000 qp 4242', '4242'],
    ['Haraka', '250 Message Queued (6D1D6B3C-1A2B-4C3D)', '6D1D6B3C-1A2B-4C3D'],
    ['trailing dot', '250 Ok: queued as ABC123.', 'ABC123'],
  ])('%s', (_peer, reply, id) => {
    expect(extractQueueId(text(reply))).toBe(id)
  })

  it.each([
    '250 2.0.0 Ok',
    '250 OK',
    '250 Great success',
    '250 ',
    '250 2.5.0 Message accepted for delivery',
    '250 OK: Message accepted for delivery',
    '250 Ok Message accepted for delivery',
  ])('null when "%s" names none', (reply) => {
    expect(extractQueueId(text(reply))).toBeNull()
  })
})
