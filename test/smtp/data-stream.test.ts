import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeData } from '../../src/smtp/data.js'
import { encodeChunks, type MessageChunks } from '../../src/smtp/data-stream.js'
import { openSmtpConnection, type SmtpError } from '../../src/smtp/index.js'
import { contentSocket } from './content-socket.js'

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

/**
 * `text` as pieces cut at `cuts`, handed out through one reused buffer, as the
 * composer does. A cut given twice (or at 0) makes an empty piece there, e.g.
 * between a CR and its LF.
 */
function pieces(text: string, cuts: number[], eightBit = false): MessageChunks {
  const bytes = Buffer.from(text, 'latin1')
  const ends = cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b)
  return {
    byteLength: bytes.length,
    eightBit,
    *chunks() {
      const window = new Uint8Array(bytes.length)
      let from = 0
      for (const end of [...ends, bytes.length]) {
        window.set(bytes.subarray(from, end))
        yield window.subarray(0, end - from)
        window.fill(0x21) // the next piece overwrites this one
        from = end
      }
    },
  }
}

/** Everything written for a message handed over in pieces, copied as it goes. */
function wire(source: MessageChunks): string {
  const data = encodeChunks(source)
  let out = ''
  for (const chunk of data.chunks) out += latin1(chunk)
  return out + latin1(data.terminator())
}

describe('DATA for a message handed over in pieces', () => {
  it('puts the same bytes on the wire as encodeData does for the whole message, wherever it is cut', () => {
    const text = fc.stringMatching(/^[a-z.\r\n\x80]{0,60}$/)
    fc.assert(
      fc.property(text, fc.array(fc.nat(80), { maxLength: 8 }), (t, cuts) => {
        expect(wire(pieces(t, cuts))).toBe(latin1(Buffer.concat(encodeData(Buffer.from(t, 'latin1')).chunks)))
      }),
      { numRuns: 2000 },
    )
  })

  it('skips empty pieces, also between a CR and its LF or before a line-leading dot', () => {
    expect(wire(pieces('a\r\nb', [2, 2, 2]))).toBe('a\r\nb\r\n.\r\n')
    expect(wire(pieces('a\r.b\r', [2, 2, 5, 5]))).toBe('a\r\n..b\r\n.\r\n')
    expect(wire(pieces('\r\n.', [0, 1, 1, 2, 2]))).toBe('\r\n..\r\n.\r\n')
  })

  it('sends clean pieces as they are, the terminator alone, and declares the size and 8-bit flag it is given', () => {
    const source = pieces('a\r\nb\r\n', [3])
    const data = encodeChunks(source)
    expect(data).toMatchObject({ size: 6, eightBit: false })
    expect(Array.from(data.chunks, (c) => c.length)).toEqual([3, 3])
    expect(latin1(data.terminator())).toBe('.\r\n')
    expect(encodeChunks(pieces('x', [], true))).toMatchObject({ size: 1, eightBit: true })
  })

  it('can be sent again from the start (a retry)', () => {
    const data = encodeChunks(pieces('.a\r\nb', [1, 3]))
    const once = Array.from(data.chunks, latin1).join('') + latin1(data.terminator())
    const twice = Array.from(data.chunks, latin1).join('') + latin1(data.terminator())
    expect(twice).toBe(once)
    expect(once).toBe('..a\r\nb\r\n.\r\n')
  })
})

describe('a message handed over in pieces, on a connection', () => {
  const envelope = { from: 'a@x.test', to: ['b@y.test'] }
  const raw = () => pieces('Subject: big\r\n\r\n' + 'x'.repeat(70) + '\r\n', [10, 40])

  it('is delivered: every piece, then the dot in a write of its own', async () => {
    const connect = contentSocket(() => 'take')
    const conn = await openSmtpConnection({ host: 'mem.test', port: 25, tls: 'none', connect })
    await expect(conn.send({ envelope, raw: raw() })).resolves.toMatchObject({ queueId: 'MEM1' })
    expect(connect.writes).toBe(4)
  })

  it('a reset before the dot left is "not sent"; a cut while the dot is written is delivery unknown', async () => {
    for (const failing of [0, 2]) {
      const conn = await openSmtpConnection({ host: 'mem.test', port: 25, tls: 'none', connect: contentSocket((i) => (i === failing ? 'reset' : 'take')) })
      expect(await conn.send({ envelope, raw: raw() }).catch((e: unknown) => e)).toMatchObject({ code: 'ECONNECT', command: 'CONTENT' })
    }
    const conn = await openSmtpConnection({
      host: 'mem.test',
      port: 25,
      tls: 'none',
      timeouts: { content: 50 },
      connect: contentSocket((i) => (i === 3 ? 'hang' : 'take')),
    })
    const err = (await conn.send({ envelope, raw: raw() }).catch((e: unknown) => e)) as SmtpError
    expect(err).toMatchObject({ code: 'EUNKNOWN_OUTCOME', command: 'MESSAGE' })
  })
})
