/**
 * MIME composition: a validated request becomes the exact message bytes and
 * the SMTP envelope.
 *
 * Structure (RFC 2046 / 2387):
 * - text only → text/plain; html only → text/html; both → multipart/alternative (text first)
 * - inline attachments (`content_id`) with html → multipart/related around the html
 * - other attachments (and inline ones when there is no html) → multipart/mixed outermost
 *
 * The output is collected as string pieces (large attachments stay slices of
 * the caller's base64) and encoded to bytes once.
 */
import { addressListTokens, mailboxTokens, type ParsedAddress } from './address.js'
import { attachmentBody, attachmentHeaders, type PreparedAttachment } from './attachments.js'
import { BOUNDARY_BYTES, createBoundary } from './boundary.js'
import { MailValidationError } from './errors.js'
import { firstTokenRoom, foldHeader, MAX_LINE } from './fold.js'
import { createMessageId, formatDate, unstructuredTokens } from './headers.js'
import { chooseTextEncoding, encodeText, normalizeNewlines, type TransferEncoding } from './transfer-encoding.js'
import type { ComposedMessage, ComposeOptions, MailInput } from './types.js'
import { ChunkedMessage } from './chunked.js'
import { FoldedBase64, piecesToBytes, type Piece } from './output.js'
import { parameterTokens, type HeaderParam } from './parameters.js'
import { randomPool } from './random.js'
import { prepareMail, type PreparedMail } from './validate.js'

interface Leaf {
  kind: 'leaf'
  headers: string
  body: Piece[]
}
interface Multi {
  kind: 'multi'
  subtype: 'mixed' | 'alternative' | 'related'
  parts: Part[]
}
type Part = Leaf | Multi

const NONE: readonly PreparedAttachment[] = []

/** The headers of a text part, by subtype and transfer encoding: made once, not for every message. */
const TEXT_HEADERS = Object.fromEntries(
  (['plain', 'html'] as const).map((subtype) => [
    subtype,
    Object.fromEntries(
      (['7bit', '8bit', 'quoted-printable', 'base64'] as const).map((encoding) => [
        encoding,
        `Content-Type: text/${subtype}; charset=utf-8\r\nContent-Transfer-Encoding: ${encoding}\r\n`,
      ]),
    ),
  ]),
) as Record<'plain' | 'html', Record<TransferEncoding, string>>

/**
 * Compose the message for `input`.
 *
 * @throws {MailValidationError} with every issue found, each with its JSON path
 * @example
 * const { raw, envelope, messageId } = composeMessage({
 *   from: 'Ada <ada@example.com>', to: 'bob@example.org', subject: 'Hi', text: 'Hello',
 * })
 */
export function composeMessage(input: MailInput, options: ComposeOptions = {}): ComposedMessage {
  const m = composePieces(input, options)
  return { messageId: m.messageId, envelope: m.envelope, raw: piecesToBytes(m.pieces), smtputf8: m.smtputf8, eightBit: m.eightBit }
}

/** Base64 bytes from which {@link composeForSending} renders a message while it is sent. */
export const CHUNKED_FROM = 1024 * 1024

/**
 * {@link composeMessage} for the SMTP client: a message whose attachments
 * hold at least {@link CHUNKED_FROM} bytes of base64 comes back as a
 * {@link ChunkedMessage}, rendered window by window as it is written, so it
 * never exists twice in memory (the caller's base64 and a folded copy).
 * `fromName` is the display name of `from` as parsed, for checks on it
 * (`fromNameIssue`) without parsing the address again.
 *
 * @throws {MailValidationError} with every issue found, each with its JSON path
 */
export function composeForSending(
  input: MailInput,
  options: ComposeOptions = {},
): Omit<ComposedMessage, 'raw'> & { raw: Uint8Array | ChunkedMessage; fromName: string | undefined } {
  const m = composePieces(input, options)
  let base64 = 0
  for (const p of m.pieces) if (p instanceof FoldedBase64) base64 += p.byteLength
  const raw = base64 >= CHUNKED_FROM ? new ChunkedMessage(m.pieces) : piecesToBytes(m.pieces)
  return { messageId: m.messageId, envelope: m.envelope, raw, smtputf8: m.smtputf8, eightBit: m.eightBit, fromName: m.fromName }
}

function composePieces(input: MailInput, options: ComposeOptions): Omit<ComposedMessage, 'raw'> & { pieces: Piece[]; fromName: string | undefined } {
  const r = prepareMail(input)
  if (!r.ok) throw new MailValidationError(r.issues)
  const { eightBit = false, date = new Date(), randomBytes = randomPool } = options
  if (Number.isNaN(date.getTime())) throw new RangeError('composeMessage: options.date is an invalid Date')
  const mail = r.mail

  const withHtml = mail.html !== undefined && mail.attachments.length > 0
  const inline = withHtml ? mail.attachments.filter((a) => a.contentId !== undefined) : NONE
  const others = withHtml ? mail.attachments.filter((a) => a.contentId === undefined) : mail.attachments
  const singlePart = (mail.text === undefined || mail.html === undefined) && mail.attachments.length === 0

  const raw: string[] = [] // unencoded bodies, which boundaries must avoid
  let used8bit = false
  const textLeaf = (text: string, subtype: 'plain' | 'html'): Leaf => {
    const normalized = normalizeNewlines(text)
    let encoding = chooseTextEncoding(normalized, eightBit)
    if (encoding === '7bit' || encoding === '8bit') {
      // The message must end with CRLF. A lone body without one is sent
      // quoted-printable, whose final soft break adds nothing when decoded.
      if (singlePart && !normalized.endsWith('\r\n')) encoding = 'quoted-printable'
      else raw.push(normalized)
    }
    used8bit ||= encoding === '8bit'
    const body = encodeText(normalized, encoding)
    if (singlePart && !(body[body.length - 1] ?? '').endsWith('\r\n')) body.push(encoding === 'quoted-printable' ? '=\r\n' : '\r\n')
    return { kind: 'leaf', headers: TEXT_HEADERS[subtype][encoding], body }
  }

  const textPart: Part | undefined = mail.text !== undefined ? textLeaf(mail.text, 'plain') : undefined
  let htmlPart: Part | undefined = mail.html !== undefined ? textLeaf(mail.html, 'html') : undefined
  if (htmlPart && inline.length > 0) {
    htmlPart = { kind: 'multi', subtype: 'related', parts: [htmlPart, ...inline.map((a) => attachmentLeaf(a, true))] }
  }
  let root: Part =
    textPart && htmlPart
      ? { kind: 'multi', subtype: 'alternative', parts: [textPart, htmlPart] }
      : ((textPart ?? htmlPart) as Part)
  if (others.length > 0) {
    root = {
      kind: 'multi',
      subtype: 'mixed',
      parts: [root, ...others.map((a) => attachmentLeaf(a, a.contentId !== undefined))],
    }
  }

  const messageId = createMessageId(mail.from.asciiDomain, randomBytes)
  const out: Piece[] = [messageHeaders(mail, date, messageId)]
  renderPart(root, out, randomBytes, raw, used8bit)

  const utf8 = (list: ParsedAddress[]) => list.some((a) => a.smtputf8)
  return {
    messageId,
    envelope: { from: mail.from.address, to: envelopeRecipients(mail) },
    pieces: out,
    smtputf8: mail.from.smtputf8 || utf8(mail.to) || utf8(mail.cc) || utf8(mail.bcc) || utf8(mail.replyTo),
    eightBit: used8bit,
    fromName: mail.from.name,
  }
}

function attachmentLeaf(a: PreparedAttachment, inline: boolean): Leaf {
  return { kind: 'leaf', headers: attachmentHeaders(a, inline), body: [attachmentBody(a)] }
}

function messageHeaders(mail: PreparedMail, date: Date, messageId: string): string {
  let h = `Date: ${formatDate(date)}\r\nMessage-ID: ${messageId}\r\nMIME-Version: 1.0\r\n`
  h += foldHeader('From', mailboxTokens(mail.from, firstTokenRoom('From')))
  if (mail.to.length > 0) h += foldHeader('To', addressListTokens(mail.to, firstTokenRoom('To')))
  else if (mail.cc.length === 0) h += 'To: undisclosed-recipients:;\r\n'
  if (mail.cc.length > 0) h += foldHeader('Cc', addressListTokens(mail.cc, firstTokenRoom('Cc')))
  if (mail.replyTo.length > 0) h += foldHeader('Reply-To', addressListTokens(mail.replyTo, firstTokenRoom('Reply-To')))
  // Subject words longer than a line are encoded so every line stays within 78;
  // custom headers may be structured (List-Unsubscribe), so only the 998 limit applies.
  const subjectRoom = firstTokenRoom('Subject')
  h += foldHeader('Subject', unstructuredTokens(mail.subject, { firstWordMax: subjectRoom, maxRawWord: subjectRoom }))
  for (const [name, value] of mail.headers) {
    h += foldHeader(name, unstructuredTokens(value, { firstWordMax: firstTokenRoom(name), maxRawWord: MAX_LINE - name.length - 2 }))
  }
  return h
}

/**
 * Append `part` (its headers, a blank line, its body) to `out`. With
 * `eightBit`, multiparts are labelled `8bit`: RFC 2045 6.4 lets a multipart
 * hold no more than its own encoding says, and the default is 7bit.
 */
function renderPart(part: Part, out: Piece[], randomBytes: (n: number) => Uint8Array, raw: string[], eightBit: boolean): void {
  if (part.kind === 'leaf') {
    out.push(part.headers, '\r\n')
    for (const piece of part.body) out.push(piece)
    return
  }
  const boundary = createBoundary(randomBytes, raw)
  out.push(multipartContentType(part.subtype, boundary))
  out.push(eightBit ? 'Content-Transfer-Encoding: 8bit\r\n\r\n' : '\r\n')
  const delimiter = `--${boundary}\r\n`
  for (const child of part.parts) {
    out.push(delimiter)
    renderPart(child, out, randomBytes, raw, eightBit)
    out.push('\r\n')
  }
  out.push(`--${boundary}--\r\n`)
}

function multipartParams(subtype: Multi['subtype'], boundary: string): HeaderParam[] {
  const params: HeaderParam[] = subtype === 'related' ? [{ name: 'type', value: 'text/html' }] : []
  params.push({ name: 'boundary', value: boundary, quoted: true })
  return params
}

/** A boundary of the length {@link createBoundary} gives, in hex digits as it does. */
const SAMPLE_BOUNDARY = `=_mb_${'0'.repeat(2 * BOUNDARY_BYTES)}`

/**
 * The folded `Content-Type` of each multipart subtype around
 * {@link SAMPLE_BOUNDARY}, split where the boundary goes. Every boundary has
 * that length and only hex digits after `=_mb_`, so it folds the same way:
 * made once, not for every message.
 */
const MULTIPART_CONTENT_TYPE = Object.fromEntries(
  (['mixed', 'alternative', 'related'] as const).map((subtype) => {
    const folded = foldHeader('Content-Type', parameterTokens(`multipart/${subtype}`, multipartParams(subtype, SAMPLE_BOUNDARY)))
    const at = folded.indexOf(SAMPLE_BOUNDARY)
    return [subtype, [folded.slice(0, at), folded.slice(at + SAMPLE_BOUNDARY.length)]]
  }),
) as Record<Multi['subtype'], [string, string]>

/** What {@link createBoundary} makes: `=_mb_` and lower-case hex digits. */
const BOUNDARY_SHAPE = /^=_mb_[0-9a-f]*$/

/** The `Content-Type` header field of a multipart with `boundary`. */
export function multipartContentType(subtype: Multi['subtype'], boundary: string): string {
  if (boundary.length !== SAMPLE_BOUNDARY.length || !BOUNDARY_SHAPE.test(boundary)) return foldHeader('Content-Type', parameterTokens(`multipart/${subtype}`, multipartParams(subtype, boundary)))
  const [before, after] = MULTIPART_CONTENT_TYPE[subtype]
  return before + boundary + after
}

/** To, Cc and Bcc in order, without repeats (domains compared case-insensitively). */
function envelopeRecipients(mail: PreparedMail): string[] {
  // One recipient (the common case) cannot repeat.
  if (mail.to.length + mail.cc.length + mail.bcc.length === 1) return [(mail.to[0] ?? mail.cc[0] ?? mail.bcc[0])!.address]
  const seen = new Set<string>()
  const out: string[] = []
  const add = (a: ParsedAddress): void => {
    const key = `${a.local}@${a.asciiDomain.toLowerCase()}`
    if (seen.has(key)) return
    seen.add(key)
    out.push(a.address)
  }
  for (const list of [mail.to, mail.cc, mail.bcc]) list.forEach(add)
  return out
}
