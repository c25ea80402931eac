import type { Mailer } from '../smtp/types.js'

/** What a test key's send answers in `smtp_response`: no relay was asked. */
export const TEST_RESPONSE = 'test key: composed, not delivered'

/**
 * The mailer behind a test (sandbox) key: it takes the composed message and
 * delivers nothing, answering as a relay that accepted every recipient
 * would, without a queue id. Everything before it (validation, templates,
 * composition, the sender and recipient rules) runs as for a live key.
 *
 * @example
 * ```ts
 * const sandbox = createSendPipeline({ mailer: createTestMailer() })
 * ```
 */
export function createTestMailer(): Mailer {
  return {
    async send(message) {
      return { accepted: [...message.envelope.to], rejected: [], response: TEST_RESPONSE, queueId: null }
    },
    async close() {},
  }
}
