import type { Base64Bytes } from './base64-bytes.js'

/** An address as callers write it: `"a@b.c"`, `"Name <a@b.c>"`, or an object. */
export type AddressInput = string | { email: string; name?: string }

export interface AttachmentInput {
  filename: string
  /** Base64 of the bytes: text, or (for large content, kept where it arrived) its ASCII bytes. */
  content: string | Base64Bytes
  /** MIME type; guessed from the filename when absent. */
  content_type?: string
  /** Makes the attachment inline, referenced from the html as `cid:<content_id>`. */
  content_id?: string
}

/** A send request, as `POST /send` takes it (after JSON parsing and shape checks). */
export interface MailInput {
  from: AddressInput
  to?: AddressInput | AddressInput[]
  cc?: AddressInput | AddressInput[]
  bcc?: AddressInput | AddressInput[]
  reply_to?: AddressInput | AddressInput[]
  subject: string
  text?: string
  html?: string
  attachments?: AttachmentInput[]
  headers?: Record<string, string>
}

/** One problem found in the input, by JSON path (e.g. `["to", 1, "email"]`). */
export interface MailIssue {
  path: (string | number)[]
  message: string
}

export interface ComposeOptions {
  /** The relay offers 8BITMIME, so `8bit` parts are allowed. Default false. */
  eightBit?: boolean
  /** Date header value; default now. */
  date?: Date
  /** Random bytes source (for tests); default `crypto.getRandomValues`. */
  randomBytes?: (n: number) => Uint8Array
}

/** A composed message, ready for the SMTP client. */
export interface ComposedMessage {
  /** The Message-ID header value including angle brackets. */
  messageId: string
  /** Sender and every recipient (bcc included), punycoded domains, deduplicated. */
  envelope: { from: string; to: string[] }
  /** The exact bytes of the message, CRLF line endings. */
  raw: Uint8Array
  /** An address has a non-ASCII local part: the relay must offer SMTPUTF8. */
  smtputf8: boolean
  /** Some part uses 8bit transfer encoding (only when `eightBit` was allowed). */
  eightBit: boolean
}
