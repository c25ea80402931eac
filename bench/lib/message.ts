/** The message every scenario sends: a typical transactional email. */
export const sendBody = {
  from: 'Ada Lovelace <ada@example.com>',
  to: ['bob@example.org'],
  subject: 'Your receipt #12345',
  text: 'Hello Bob,\n\nThanks for your order. Your receipt number is 12345.\n\n-- \nExample Shop\n'.repeat(4),
  html: '<p>Hello Bob,</p><p>Thanks for your order. Your receipt number is <b>12345</b>.</p>'.repeat(4),
}

/** The same message pre-composed, for the SMTP-client-only comparison. */
export const rawMessage = [
  'From: Ada Lovelace <ada@example.com>',
  'To: bob@example.org',
  'Subject: Your receipt #12345',
  'Date: Fri, 27 Nov 2026 07:00:00 +0000',
  'Message-ID: <bench.1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 7bit',
  '',
  sendBody.text.replace(/\n/g, '\r\n'),
].join('\r\n')

export const envelope = { from: 'ada@example.com', to: ['bob@example.org'] }
