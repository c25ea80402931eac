import { composeMessage } from '../../src/mail/index.js'

/** The receipt: a typical transactional email, a short text and html body, one recipient. */
export const sendBody = {
  from: 'Ada Lovelace <ada@example.com>',
  to: ['bob@example.org'],
  subject: 'Your receipt #12345',
  text: 'Hello Bob,\n\nThanks for your order. Your receipt number is 12345.\n\n-- \nExample Shop\n'.repeat(4),
  html: '<p>Hello Bob,</p><p>Thanks for your order. Your receipt number is <b>12345</b>.</p>'.repeat(4),
}

/** 32 lines of 63 characters and a newline: exactly 2048 bytes of plain ASCII text. */
const TEXT_2K = Array.from({ length: 32 }, (_, i) => `Line ${String(i + 1).padStart(2, '0')} of the notice: your export is ready to download now.`.padEnd(63, '.')).join('\n') + '\n'

/** A plain-text message of 2 KB (2048 bytes of text), one recipient. */
export const textBody = {
  from: 'Ada Lovelace <ada@example.com>',
  to: ['bob@example.org'],
  subject: 'Your export is ready',
  text: TEXT_2K,
}

/** The messages the benchmark sends, by name. */
export const MESSAGES = { receipt: sendBody, text2k: textBody } as const
export type MessageName = keyof typeof MESSAGES

/**
 * The bytes `POST /send` composes for a message, composed once (fixed date),
 * for the SMTP-client-only scenarios: the client alone sends exactly what
 * mailbridge would.
 */
export function composedMessage(name: MessageName): { envelope: { from: string; to: string[] }; raw: Uint8Array } {
  const m = composeMessage(MESSAGES[name], { date: new Date('2026-11-27T07:00:00Z') })
  return { envelope: m.envelope, raw: m.raw }
}
