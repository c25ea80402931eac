import { composeMessage } from '../../../src/mail/index.js'

const bytes = (s: string) => new TextEncoder().encode(s)
const attachment = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251)).toString('base64')

/** Messages that stress canonicalisation, by what they hold; the From domain is example.com throughout. */
export const MESSAGES: Record<string, Uint8Array> = {
  'attachments, an inline image and html': composeMessage({
    from: 'Ada <ada@example.com>',
    to: 'bob@example.org',
    subject: 'Report',
    text: 'See the attachments.',
    html: '<p>See <img src="cid:logo"></p>',
    attachments: [
      { filename: 'data.bin', content: attachment },
      { filename: 'logo.png', content: 'iVBORw0KGgo=', content_id: 'logo' },
    ],
  }).raw,
  'UTF-8 headers (an SMTPUTF8 address and an encoded subject)': composeMessage({
    from: 'Ådå Lövelace <ådå@example.com>',
    to: 'Jürgen <jürgen@exämple.org>',
    subject: 'Grüße aus Köln — 東京 ✓',
    text: 'Grüße\n',
  }).raw,
  'long lines (folded headers, a quoted-printable body)': composeMessage({
    from: 'ada@example.com',
    to: Array.from({ length: 12 }, (_, i) => `recipient-number-${i}@example.org`),
    subject: 'word '.repeat(60).trim(),
    text: 'x'.repeat(2500),
  }).raw,
  'trailing whitespace in header fields and body lines': bytes(
    'From: Ada <ada@example.com>   \r\nTo: bob@example.org\t\r\nSubject:   spaced \t out  \r\n\tcontinued  \r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nline with spaces   \r\n\ttabbed\t\t\r\n  \r\n\r\n\r\n',
  ),
  'an empty body': bytes('From: ada@example.com\r\nTo: bob@example.org\r\nSubject: nothing\r\n\r\n'),
  'bare LF line ends and a line starting with a dot': bytes('From: ada@example.com\nTo: bob@example.org\nSubject: dots\n\n.hidden\n..two\nend'),
}

/** Changes a signed message the way a relay or an attacker might; each must break the signature. */
export const TAMPERINGS: Record<string, (signed: Uint8Array) => Uint8Array> = {
  'the last letter changed': (m) => {
    const copy = new Uint8Array(m)
    let i = copy.length - 1
    while (!/[A-Za-z0-9]/.test(String.fromCharCode(copy[i]!))) i--
    copy[i] = copy[i] === 0x41 ? 0x42 : 0x41
    return copy
  },
  'the subject changed': (m) => new Uint8Array(Buffer.from(Buffer.from(m).toString('latin1').replace(/^Subject:/m, 'Subject: Re:'), 'latin1')),
  'a second From field added on top': (m) => new Uint8Array([...bytes('From: mallory@evil.example\r\n'), ...m]),
  'a line appended to the body': (m) => new Uint8Array([...m, ...bytes('P.S. pay here\r\n')]),
}
