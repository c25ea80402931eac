import { fieldName } from './message.js'

/**
 * The header fields a signature covers when the message has them: those
 * RFC 6376 §5.4.1 recommends, the MIME fields that say how the body is read,
 * Message-ID and Sender, and List-Unsubscribe-Post, which RFC 8058 requires
 * to be signed with List-Unsubscribe.
 */
export const SIGNED_FIELDS: readonly string[] = [
  'from', 'reply-to', 'subject', 'date', 'to', 'cc',
  'resent-date', 'resent-from', 'resent-to', 'resent-cc',
  'in-reply-to', 'references',
  'list-id', 'list-help', 'list-unsubscribe', 'list-unsubscribe-post', 'list-subscribe', 'list-post', 'list-owner', 'list-archive',
  'message-id', 'sender', 'mime-version', 'content-type', 'content-transfer-encoding',
]

/**
 * The `h=` list for a message: each field of `names` once per instance the
 * message has, then `from` once more. The extra `from` names an instance
 * that does not exist (RFC 6376 §5.4.2), so a From field added after signing
 * breaks the signature instead of going unnoticed.
 */
export function signedFieldNames(fields: readonly string[], names: readonly string[] = SIGNED_FIELDS): string[] {
  const counts = new Map<string, number>()
  for (const f of fields) {
    const name = fieldName(f)
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  const h: string[] = []
  for (const name of names) for (let i = counts.get(name) ?? 0; i > 0; i--) h.push(name)
  h.push('from')
  return h
}

/**
 * The fields `h=` selects, in its order: for a name listed more than once,
 * the last instance first, then the one above it (RFC 6376 §5.4.2). A name
 * without a further instance selects nothing.
 */
export function selectFields(fields: readonly string[], h: readonly string[]): string[] {
  const used = new Map<string, number>()
  const out: string[] = []
  for (const name of h) {
    const skip = used.get(name) ?? 0
    let seen = 0
    for (let i = fields.length - 1; i >= 0; i--) {
      if (fieldName(fields[i]!) !== name) continue
      if (seen++ === skip) {
        out.push(fields[i]!)
        break
      }
    }
    used.set(name, skip + 1)
  }
  return out
}
