import { SmtpError } from './errors.js'

/** One complete SMTP reply (RFC 5321 §4.2), possibly multi-line. */
export interface SmtpReply {
  /** Three-digit reply code, e.g. 250. */
  code: number
  /** RFC 3463 enhanced status code from the first line (e.g. "2.0.0"), or null. */
  enhancedCode: string | null
  /** Text of each line after the code, separator and enhanced code. */
  lines: string[]
  /** The whole reply as received, lines joined by "\n" (e.g. "250 2.0.0 Ok: queued as X"). */
  raw: string
}

/** Bounds that protect the client from a peer that never ends a reply. */
export interface ReplyParserOptions {
  /** Longest accepted reply line in bytes, CRLF excluded. RFC 5321 says 512; we are lenient. Default 4096. */
  maxLineLength?: number
  /** Most lines in one multi-line reply. Default 256. */
  maxLines?: number
  /** Largest total size of one reply in bytes. Default 65536. */
  maxReplySize?: number
}

const LF = 0x0a
const CR = 0x0d
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39
const SPACE = 0x20
const DASH = 0x2d

const decoder = new TextDecoder('utf-8')

/**
 * Incremental reply parser: feed it bytes as they arrive, take complete replies.
 * Accepts CRLF or bare LF line ends, `250-…`/`250 …`, a bare `250` and `250 `.
 * Garbage, mismatched codes inside a multi-line reply, or a reply over the
 * bounds throw `SmtpError('EPROTOCOL')`.
 *
 * @example
 * ```ts
 * const parser = new ReplyParser()
 * for (const reply of parser.feed(chunk)) console.log(reply.code)
 * ```
 */
export class ReplyParser {
  readonly #maxLine: number
  readonly #maxLines: number
  readonly #maxSize: number
  /** Bytes of an unterminated line carried over between chunks. */
  #partial: Uint8Array | null = null
  #code = 0
  #lines: string[] = []
  #rawLines: string[] = []
  #size = 0

  constructor({ maxLineLength = 4096, maxLines = 256, maxReplySize = 65536 }: ReplyParserOptions = {}) {
    this.#maxLine = maxLineLength
    this.#maxLines = maxLines
    this.#maxSize = maxReplySize
  }

  /** Whether a reply has begun but not ended (or a line is incomplete). */
  get pending(): boolean {
    return this.#partial !== null || this.#lines.length > 0
  }

  /** Drops any partial input (used after a STARTTLS upgrade). */
  reset(): void {
    this.#partial = null
    this.#code = 0
    this.#lines = []
    this.#rawLines = []
    this.#size = 0
  }

  /** Parses a chunk; returns the replies it completed (often zero or one). */
  feed(chunk: Uint8Array): SmtpReply[] {
    const out: SmtpReply[] = []
    let data = chunk
    if (this.#partial !== null) {
      const joined = new Uint8Array(this.#partial.length + chunk.length)
      joined.set(this.#partial)
      joined.set(chunk, this.#partial.length)
      data = joined
      this.#partial = null
    }
    let start = 0
    const len = data.length
    while (start < len) {
      const nl = data.indexOf(LF, start)
      if (nl === -1) {
        if (len - start > this.#maxLine + 1) throw protocolError('reply line too long')
        this.#partial = data.slice(start)
        break
      }
      let end = nl
      if (end > start && data[end - 1] === CR) end--
      if (end - start > this.#maxLine) throw protocolError('reply line too long')
      const reply = this.#line(data, start, end)
      if (reply !== null) out.push(reply)
      start = nl + 1
    }
    return out
  }

  #line(data: Uint8Array, start: number, end: number): SmtpReply | null {
    const n = end - start
    const d0 = data[start]!
    const d1 = data[start + 1]!
    const d2 = data[start + 2]!
    // RFC 5321 §4.2: first digit 2–5, second 0–5, third 0–9.
    if (n < 3 || d0 < 0x32 || d0 > 0x35 || d1 < DIGIT_0 || d1 > 0x35 || !isDigit(d2)) {
      throw protocolError('not an SMTP reply line')
    }
    const code = (d0 - DIGIT_0) * 100 + (d1 - DIGIT_0) * 10 + (d2 - DIGIT_0)
    let last = true
    if (n > 3) {
      const sep = data[start + 3]
      if (sep === DASH) last = false
      else if (sep !== SPACE) throw protocolError('not an SMTP reply line')
    }
    if (this.#lines.length > 0 && code !== this.#code) throw protocolError('reply code changed inside a multi-line reply')
    this.#code = code
    this.#size += n + 2
    if (this.#size > this.#maxSize || this.#lines.length >= this.#maxLines) throw protocolError('reply too large')
    const raw = decoder.decode(data.subarray(start, end))
    this.#rawLines.push(raw)
    this.#lines.push(n > 4 ? raw.slice(4) : '')
    if (!last) return null
    const lines = this.#lines
    const rawText = this.#rawLines.length === 1 ? raw : this.#rawLines.join('\n')
    this.#lines = []
    this.#rawLines = []
    this.#size = 0
    const enhancedCode = takeEnhancedCode(code, lines)
    return { code, enhancedCode, lines, raw: rawText }
  }
}

/** Matches an RFC 3463 status code at the start of a line's text. */
const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?: |$)/

/**
 * Extracts the enhanced code of the first line (only when its class digit
 * matches the reply code's) and strips it from every line that carries it.
 */
function takeEnhancedCode(code: number, lines: string[]): string | null {
  const first = lines[0]!
  const m = ENHANCED.exec(first)
  if (m === null || Number(m[1]) !== Math.floor(code / 100)) return null
  const enhanced = `${m[1]}.${m[2]}.${m[3]}`
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.startsWith(enhanced)) {
      const rest = line.slice(enhanced.length)
      if (rest === '' || rest.charCodeAt(0) === SPACE) lines[i] = rest.slice(1)
    }
  }
  return enhanced
}

function isDigit(b: number): boolean {
  return b >= DIGIT_0 && b <= DIGIT_9
}

function protocolError(message: string): SmtpError {
  return new SmtpError('EPROTOCOL', `SMTP protocol error: ${message}`, { transient: true })
}

/** The reply's text (without code and enhanced code), lines joined by a space. */
export function replyText(reply: SmtpReply): string {
  return reply.lines.length === 1 ? reply.lines[0]! : reply.lines.join(' ')
}
