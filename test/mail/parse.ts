/** Independent parsers for round-trip tests: postal-mime and mailparser. */
import PostalMime, { decodeWords } from 'postal-mime'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { Email } from 'postal-mime'

export interface Parsed {
  raw: string
  postal: Email
  mailparser: ParsedMail
}

/** Decode the message bytes as both parsers see them. */
export async function parseBoth(raw: Uint8Array): Promise<Parsed> {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(raw)
  const [postal, mailparser] = await Promise.all([PostalMime.parse(raw), simpleParser(Buffer.from(raw))])
  return { raw: text, postal, mailparser }
}

/** The unfolded, decoded value of header `name` in the top-level header block. */
export function headerValue(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n') + 2)
  const re = new RegExp(`^${name.replace(/[-]/g, '\\-')}:(.*(?:\\r\\n[ \\t].*)*)`, 'im')
  const m = re.exec(head)
  if (!m) return undefined
  return decodeWords((m[1] as string).replace(/\r\n/g, '').replace(/^ /, ''))
}

/** Bytes of an attachment as a string (tests use text content). */
export function bytesText(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === 'string') return content
  return new TextDecoder().decode(content instanceof Uint8Array ? content : new Uint8Array(content))
}

/** Standard base64 of a UTF-8 string. */
export function b64(s: string): string {
  let bin = ''
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b)
  return btoa(bin)
}
