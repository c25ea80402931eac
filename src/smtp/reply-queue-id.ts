/**
 * Final-reply forms that name a queue id, most specific first. Each pattern is
 * matched against the reply text after the code and enhanced code, and
 * captures the id in group 1. Compiled once at module load.
 */
const FORMS: readonly { peer: string; pattern: RegExp }[] = [
  // Postfix, smtp-server, maildev, many others: "Ok: queued as 4XyZ12AbC", "Message queued as X"
  { peer: 'postfix', pattern: /\bqueued as <?([A-Za-z0-9][A-Za-z0-9._@+-]*)/i },
  // Exim: "OK id=1rAbCd-000123-4X"
  { peer: 'exim', pattern: /\bid=([A-Za-z0-9][A-Za-z0-9._-]*)/i },
  // Gmail: "OK  1700000000 a1b2c3d4e5-f6g7h8.12 - gsmtp"
  { peer: 'gmail', pattern: /^OK\s+\d+\s+(\S+)\s+-\s+gsmtp/i },
  // Exchange / Microsoft 365: "<message-id> [InternalId=…] Queued mail for delivery"
  { peer: 'exchange', pattern: /^(<[^>\s]+>|\S+)\s+\[InternalId=[^\]]*\].*Queued mail for delivery/i },
  // OpenSMTPD "29b1089b Message accepted for delivery" (6.x: "2.0.0: 29b1089b …", a colon the
  // reply parser does not take as an enhanced code), Sendmail "<id> Message accepted for delivery".
  // "OK Message accepted for delivery" names none.
  { peer: 'opensmtpd', pattern: /^(?:[245]\.\d{1,3}\.\d{1,3}:\s+)?(?!OK:?\s)(\S+)\s+Message accepted for delivery/i },
  // Mailgun: "Great success" has none; SendGrid: "Ok: queued as X" above; Mailjet/others: "OK queued as"
  // Amazon SES: "Ok 0100018c…-000000"
  { peer: 'ses', pattern: /^Ok ([0-9a-f]{16,}(?:-[0-9a-f]+)+-\d{6})\b/i },
  // Postmark, Brevo and similar: "Ok: queued <id>" / "OK <id> queued"
  { peer: 'generic-queued', pattern: /^OK:? queued (\S+)$/i },
  // qmail: "ok 1700000000 qp 12345"
  { peer: 'qmail', pattern: /^ok \d+ qp (\d+)/i },
  // MDaemon / hMailServer / Haraka: "Message Queued (ID)" / "Queued (1.234 seconds)" has none
  { peer: 'haraka', pattern: /^Message Queued \(([A-Za-z0-9._-]+)\)/i },
]

/**
 * Finds the queue id named by a final `250` reply, or null.
 *
 * @param text the reply text after the code and enhanced code (all lines joined by a space)
 * @example
 * ```ts
 * extractQueueId('Ok: queued as 4XyZ12AbC') // '4XyZ12AbC'
 * extractQueueId('Ok')                      // null
 * ```
 */
export function extractQueueId(text: string): string | null {
  for (let i = 0; i < FORMS.length; i++) {
    const m = FORMS[i]!.pattern.exec(text)
    if (m !== null) return trimId(m[1]!)
  }
  return null
}

/** Removes sentence punctuation a relay may put after the id. */
function trimId(id: string): string {
  let end = id.length
  while (end > 0) {
    const c = id.charCodeAt(end - 1)
    if (c === 0x2e || c === 0x2c || c === 0x3b || c === 0x29) end--
    else break
  }
  return end === id.length ? id : id.slice(0, end)
}
