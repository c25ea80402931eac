import { describe, expect, it } from 'vitest'
import { isReservedHeader, RESERVED_HEADER_PREFIXES, RESERVED_HEADERS, type MailInput } from '../../src/mail/index.js'
import { issuesOf } from './issues.js'

const ok: MailInput = { from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }
const issues = (headers: Record<string, string>) => issuesOf({ ...ok, headers })

/** Fields that claim a sender, an envelope address, or a server's trace or authentication result. */
const refused = [
  'Resent-From',
  'Resent-Sender',
  'Resent-To',
  'Resent-Cc',
  'Resent-Bcc',
  'Resent-Date',
  'Resent-Message-ID',
  'Resent-Reply-To',
  'Authentication-Results',
  'Received-SPF',
  'ARC-Seal',
  'ARC-Message-Signature',
  'ARC-Authentication-Results',
  'DKIM-Signature',
  'Delivered-To',
  'X-Original-From',
  'Envelope-From',
  'X-Sender',
  'Errors-To',
]

describe('identity and trace headers', () => {
  it('are refused as custom headers, in any letter case, with an issue naming the header', () => {
    for (const name of [...refused, ...refused.map((n) => n.toLowerCase()), ...refused.map((n) => n.toUpperCase())]) {
      const r = issues({ [name]: 'x' })
      expect(r, name).toHaveLength(1)
      expect(r[0]?.path).toEqual(['headers', name])
      expect(r[0]?.message).toContain(`"${name}"`)
      expect(r[0]?.message).toMatch(/cannot be given in headers/)
    }
  })
  it('each refused header is its own issue', () => {
    const r = issues({ 'Resent-From': 'x', 'DKIM-Signature': 'y', 'X-Ok': 'z' })
    expect(r.map((i) => i.path)).toEqual([
      ['headers', 'Resent-From'],
      ['headers', 'DKIM-Signature'],
    ])
  })
  it('the message says why: sender policy or servers in transit', () => {
    expect(issues({ 'Resent-From': 'x' })[0]?.message).toMatch(/sender policy/)
    expect(issues({ 'Authentication-Results': 'x' })[0]?.message).toMatch(/only mail servers add/)
    expect(issues({ 'Content-Foo': 'x' })[0]?.message).toMatch(/is set by mailbridge/)
  })
  it('the exported list and prefixes describe exactly what is refused', () => {
    for (const name of RESERVED_HEADERS) {
      expect(name).toBe(name.toLowerCase())
      expect(isReservedHeader(name), name).toBe(true)
    }
    expect([...RESERVED_HEADER_PREFIXES]).toEqual(['content-', 'resent-', 'arc-'])
    for (const name of refused) expect(isReservedHeader(name), name).toBe(true)
    for (const name of ['X-Campaign', 'List-Unsubscribe', 'Arcade', 'Resentment', 'Contents', 'constructor', 'toString', '__proto__']) {
      expect(isReservedHeader(name), name).toBe(false)
    }
  })
  it('requests for receipts and names that only start alike stay allowed', () => {
    // Disposition-Notification-To and Return-Receipt-To ask the recipient for a
    // receipt; they claim no sender identity, so they are not refused.
    expect(
      issues({ 'Disposition-Notification-To': 'a@example.com', 'Return-Receipt-To': 'a@example.com', 'X-Arc-Id': '1', Arcade: '1', 'X-Resent': '1', constructor: 'c' }),
    ).toEqual([])
  })
})
