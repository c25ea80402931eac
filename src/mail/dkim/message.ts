import { toBinaryString } from './bytes.js'

/** A message split for signing: its header fields as they are, and its body. */
export interface SplitMessage {
  /** Each header field with its folding and its final CRLF, as a binary string (one character per byte), top first. */
  fields: string[]
  /** Everything after the empty line that ends the header section (empty when there is none). */
  body: Uint8Array
}

const CR = 0x0d
const LF = 0x0a

/**
 * Splits a CRLF message (RFC 5322) at the empty line after its header
 * section; a line that starts with a space or tab continues the field above.
 *
 * @example
 * ```ts
 * splitMessage(bytes('Subject: a\r\n b\r\nTo: x@y.z\r\n\r\nHi\r\n')).fields // ['Subject: a\r\n b\r\n', 'To: x@y.z\r\n']
 * ```
 */
export function splitMessage(message: Uint8Array): SplitMessage {
  let end = -1
  for (let i = 0; i + 1 < message.length; i++) {
    if (message[i] !== CR || message[i + 1] !== LF) continue
    if (i === 0 || (message[i + 2] === CR && message[i + 3] === LF)) {
      end = i === 0 ? 0 : i + 2
      break
    }
  }
  const headerEnd = end === -1 ? message.length : end
  const bodyStart = end === -1 ? message.length : end + 2
  const lines = toBinaryString(message.subarray(0, headerEnd)).split(/(?<=\r\n)/)
  const fields: string[] = []
  for (const line of lines) {
    if (line === '') continue
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length > 0) fields[fields.length - 1] += line
    else fields.push(line)
  }
  return { fields, body: message.subarray(bodyStart) }
}

/** A field's name as it is compared: in lower case, without trailing whitespace. */
export const fieldName = (field: string): string => field.slice(0, Math.max(0, field.indexOf(':'))).replace(/[ \t]+$/, '').toLowerCase()

/**
 * The domain of the first From field's address, in lower case: the part
 * after the last `@` of the last `<…>`, or of the whole value. Undefined when
 * there is no From field or no `@` in it.
 */
export function fromDomain(fields: readonly string[]): string | undefined {
  const from = fields.find((f) => fieldName(f) === 'from')
  if (from === undefined) return undefined
  const value = from.slice(from.indexOf(':') + 1).replace(/\r\n/g, '')
  const open = value.lastIndexOf('<')
  const address = open === -1 ? value : value.slice(open + 1, value.indexOf('>', open) === -1 ? undefined : value.indexOf('>', open))
  const at = address.lastIndexOf('@')
  if (at === -1) return undefined
  const domain = address.slice(at + 1).trim().replace(/\.$/, '').toLowerCase()
  return domain === '' ? undefined : domain
}
