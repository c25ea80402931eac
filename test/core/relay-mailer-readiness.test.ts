import { describe, expect, it } from 'vitest'
import { createRelayMailer } from '../../src/core/relay-mailer.js'
import { createMetrics } from '../../src/metrics/mailbridge.js'
import { SmtpError } from '../../src/smtp/errors.js'
import type { SmtpPool } from '../../src/smtp/pool.js'
import type { OutgoingMessage, SendResult } from '../../src/smtp/types.js'

const message: OutgoingMessage = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }
const answer: SendResult = { accepted: ['b@y.test'], rejected: [], response: '250 ok', queueId: 'Q1' }

/** A pool that takes the first send and refuses the second for good. */
function fakePool(): SmtpPool {
  let n = 0
  return {
    send: async () => {
      if (n++ === 0) return answer
      throw new SmtpError('EENVELOPE', 'refused', { transient: false })
    },
    close: async () => {},
    stats: () => ({ open: 0, opening: 0, idle: 0, inUse: 0, queued: 0, created: 0 }),
    warm: async () => {},
  }
}

describe('relay mailer: readiness evidence', () => {
  for (const withMetrics of [true, false]) {
    it(`marks the relay answered after each successful send only (metrics ${withMetrics ? 'on' : 'off'})`, async () => {
      let answered = 0
      const metrics = withMetrics ? createMetrics() : undefined
      const mailer = createRelayMailer({ primary: fakePool(), attempts: 1, metrics, readiness: { markAnswered: () => void answered++ } })
      await expect(mailer.send(message)).resolves.toEqual(answer)
      expect(answered).toBe(1)
      await expect(mailer.send(message)).rejects.toThrow('refused')
      expect(answered).toBe(1)
      if (metrics) expect(metrics.sends.get({ outcome: 'sent' })).toBe(1)
    })
  }
})
