/**
 * What an SMTP client sent a scripted relay, split into command lines and DATA
 * contents (latin1), for relays that answer from a `data` handler.
 */
export interface SmtpInput {
  /** Appends a chunk that arrived. */
  push(chunk: Buffer): void
  /** The next complete command line without its CRLF; undefined until one arrived. */
  line(): string | undefined
  /**
   * The DATA content up to and including the CRLF before the final dot (the dot
   * line is consumed); undefined until the final dot arrived.
   */
  content(): string | undefined
}

/** A fresh {@link SmtpInput} for one connection. */
export function createSmtpInput(): SmtpInput {
  let buf = ''
  return {
    push(chunk) {
      buf += chunk.toString('latin1')
    },
    line() {
      const eol = buf.indexOf('\r\n')
      if (eol === -1) return undefined
      const line = buf.slice(0, eol)
      buf = buf.slice(eol + 2)
      return line
    },
    content() {
      // An empty message is the final dot alone, with no CRLF before it.
      if (buf.startsWith('.\r\n')) {
        buf = buf.slice(3)
        return ''
      }
      const end = buf.indexOf('\r\n.\r\n')
      if (end === -1) return undefined
      const content = buf.slice(0, end + 2)
      buf = buf.slice(end + 5)
      return content
    },
  }
}

/** The command verb of a line, upper-cased (`MAIL`, `RCPT`, `EHLO`, …). */
export const verbOf = (line: string): string => line.slice(0, 4).toUpperCase()
