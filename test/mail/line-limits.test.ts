import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { composeMessage, MailValidationError, type MailInput } from '../../src/mail/index.js'
import { parseMediaType } from '../../src/mail/content-type.js'
import { contentType, filename, headerText, mixedBody, tricky, validContentType } from './arbitraries.js'
import { parseBoth } from './parse.js'

/** Header text with words long enough to need folding or encoding (up to thousands of characters). */
const longText = fc
  .array(fc.oneof(headerText, fc.constantFrom(' ', 'x'.repeat(80), 'y'.repeat(997), 'z'.repeat(1200), 'é'.repeat(400))), { maxLength: 5 })
  .map((a) => a.join(''))
/** Custom header names: `X-` and field-name characters, up to the 76-character limit. */
const headerName = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ-019_.!'), minLength: 1, maxLength: 20 }).map((s) => `X-${s}`),
  fc.integer({ min: 3, max: 76 }).map((n) => `X-${'n'.repeat(n - 2)}`),
)
const attachment = fc.record({ filename, content: fc.constantFrom('', 'AAAA', 'SGVsbG8='), content_type: fc.option(contentType, { nil: undefined }) })

/** Any request built from arbitrary subjects, names, custom headers, attachments and text. */
const request: fc.Arbitrary<MailInput> = fc.record({
  from: fc.record({ email: fc.constant('a@example.com'), name: longText }),
  to: fc.array(fc.record({ email: fc.constant('b@example.com'), name: longText }), { minLength: 1, maxLength: 3 }),
  subject: longText,
  text: mixedBody,
  headers: fc.array(fc.tuple(headerName, fc.oneof(longText, fc.string({ unit: tricky, maxLength: 50 }))), { maxLength: 3 }).map((h) => Object.fromEntries(h)),
  attachments: fc.array(attachment, { maxLength: 3 }),
})

/** Whitespace after a line's field name (`Name: `) or leading fold: what is left has nowhere to fold when it has no whitespace. */
const LINE_START = /^(?:[\x21-\x39\x3b-\x7e]+: ?|[ \t])/

/**
 * Every line of `raw` is at most 998 octets; every header line (the message's
 * and each part's) is at most 78 characters unless it is one token that
 * cannot be folded.
 */
function checkLines(bytes: Uint8Array): void {
  const raw = new TextDecoder().decode(bytes)
  const lines = raw.split('\r\n')
  for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(998)
  const delimiters = new Set([...raw.matchAll(/boundary="([^"]+)"/g)].map((m) => `--${m[1]}`))
  let inHeader = true
  for (const line of lines) {
    if (!inHeader) {
      inHeader = delimiters.has(line)
      continue
    }
    if (line === '') {
      inHeader = false
      continue
    }
    if (line.length > 78) expect(line.replace(LINE_START, ''), line).not.toMatch(/\s/)
  }
}

/** The value if composing refuses it as invalid input; throws anything else. */
function composeOrRefuse(input: MailInput): Uint8Array | undefined {
  try {
    return composeMessage(input).raw
  } catch (e) {
    if (e instanceof MailValidationError) return undefined
    throw e
  }
}

describe('line limits', () => {
  it('no line of any composed message passes 998 octets, and header lines pass 78 only where nothing can fold', () => {
    let composed = 0
    fc.assert(
      fc.property(request, (input) => {
        const raw = composeOrRefuse(input)
        if (raw === undefined) return
        composed++
        checkLines(raw)
      }),
      { numRuns: 200 },
    )
    expect(composed).toBeGreaterThan(50)
  })

  it('content types that parse are always accepted, keep the line limits, and their parameters round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(validContentType, async (type) => {
        const parsed = parseMediaType(type)
        expect(parsed.ok, type).toBe(true)
        if (!parsed.ok) return
        const msg = composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't', attachments: [{ filename: 'file.bin', content: '', content_type: type }] })
        checkLines(msg.raw)
        const { mailparser } = await parseBoth(msg.raw)
        const header = mailparser.attachments[0]?.headers.get('content-type') as { value: string; params: Record<string, string> }
        const expected = Object.fromEntries(parsed.mediaType.params.map((p) => [p.name.toLowerCase(), p.value]))
        expect(header.params).toEqual({ ...expected, name: 'file.bin' })
      }),
      { numRuns: 100 },
    )
  })
})
