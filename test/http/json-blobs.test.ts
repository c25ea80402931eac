import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BLOB_MIN_BYTES, parseWithBlobs } from '../../src/http/json-blobs.js'
import { Base64Bytes } from '../../src/mail/index.js'

const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v))
/** The value with every attachment content held as bytes turned back into text. */
const asText = (v: unknown): unknown =>
  v instanceof Base64Bytes ? v.toString() : Array.isArray(v) ? v.map(asText) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asText(x)])) : v
const long = (c: string) => c.repeat(BLOB_MIN_BYTES)

describe('JSON with long content strings left in the body', () => {
  it('restores exactly what JSON.parse reads, whatever the value', () => {
    const leaf = fc.oneof(fc.string(), fc.constantFrom(long('A'), long('é'), long('\\'), long('"'), long('\uFEFF'), `\uFEFF${long('b')}`), fc.integer(), fc.boolean(), fc.constant(null))
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('content', 'attachments', 'x', 'contents', '"content"'), tie('tree'), { maxKeys: 3 })),
    }))
    fc.assert(
      fc.property(tree, (v) => {
        const p = parseWithBlobs(encode(v))
        expect(asText(p.restore(p.value))).toEqual(JSON.parse(JSON.stringify(v)))
      }),
      { numRuns: 100 },
    )
  }, 30_000)

  it('holds an attachment content as a view into the body, and nothing else', () => {
    const body = encode({ headers: { content: long('h') }, attachments: [{ filename: 'a', content: long('Q') }], text: `"content": "${long('t')}"` })
    const p = parseWithBlobs(body)
    const v = p.restore(p.value) as { headers: { content: unknown }; attachments: { content: unknown }[]; text: unknown }
    expect(v.attachments[0]!.content).toBeInstanceOf(Base64Bytes)
    expect((v.attachments[0]!.content as Base64Bytes).bytes.buffer).toBe(body.buffer)
    expect(typeof v.headers.content).toBe('string')
    expect(v.text).toBe(`"content": "${long('t')}"`)
  })

  it('leaves short strings and escaped ones to JSON.parse, and reports bad JSON', () => {
    const p = parseWithBlobs(encode({ attachments: [{ content: 'QUJD' }, { content: `${long('Q')}\n` }] }))
    expect(p.value).toEqual({ attachments: [{ content: 'QUJD' }, { content: `${long('Q')}\n` }] })
    expect(() => parseWithBlobs(new TextEncoder().encode(`{"content": "${long('Q')}"`))).toThrow(SyntaxError)
  })
})
