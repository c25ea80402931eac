import { describe, expect, it } from 'vitest'
import { SmtpChannel } from '../../src/smtp/channel.js'
import type { SmtpSocket } from '../../src/smtp/socket.js'

/** An in-memory socket: `push` delivers bytes to the channel's pending read. */
function scriptedSocket() {
  const chunks: (Uint8Array | null)[] = []
  let waiting: ((c: Uint8Array | null) => void) | undefined
  let closed = false
  const socket: SmtpSocket = {
    read: () =>
      new Promise((resolve) => {
        if (closed) return resolve(null)
        const next = chunks.shift()
        if (next !== undefined) resolve(next)
        else waiting = resolve
      }),
    write: async () => {
      if (closed) throw new Error('closed')
    },
    startTls: async () => {},
    close: () => {
      closed = true
      waiting?.(null)
      waiting = undefined
    },
    secure: false,
  }
  const push = (text: string) => {
    const bytes = new TextEncoder().encode(text)
    if (waiting) {
      const w = waiting
      waiting = undefined
      w(bytes)
    } else chunks.push(bytes)
  }
  return { socket, push, isClosed: () => closed }
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('SmtpChannel deadlines and aborts (one timer, one abort listener)', () => {
  it('a reply with a shorter deadline than the operation before still times out', async () => {
    const { socket, push } = scriptedSocket()
    const channel = new SmtpChannel(socket)
    push('250 ok\r\n')
    await expect(channel.reply('MAIL', 60_000)).resolves.toMatchObject({ code: 250 })
    const err = await channel.reply('RCPT', 30).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'ETIMEOUT', command: 'RCPT', message: expect.stringContaining('within 30 ms') })
    expect(channel.open).toBe(false)
  })

  it('an operation with a longer deadline is not cut when the timer armed by a shorter one fires', async () => {
    const { socket, push } = scriptedSocket()
    const channel = new SmtpChannel(socket)
    push('220 hi\r\n')
    await channel.reply('GREETING', 40)
    const pending = channel.reply('EHLO', 10_000)
    await later(120) // past the first operation's 40 ms
    push('250 ok\r\n')
    await expect(pending).resolves.toMatchObject({ code: 250 })
    expect(channel.open).toBe(true)
    channel.close()
  })

  it('a timer that fired while the channel was idle is started again by the next operation', async () => {
    const { socket } = scriptedSocket()
    const channel = new SmtpChannel(socket)
    await channel.write('NOOP\r\n', 'NOOP', 20)
    await later(60) // the timer fires with nothing under way
    expect(channel.open).toBe(true)
    await expect(channel.reply('NOOP', 20)).rejects.toMatchObject({ code: 'ETIMEOUT', command: 'NOOP' })
  })

  it('aborting a signal whose operations have ended leaves the channel open', async () => {
    const { socket, push, isClosed } = scriptedSocket()
    const channel = new SmtpChannel(socket)
    const ac = new AbortController()
    push('250 ok\r\n')
    await channel.reply('MAIL', 1000, ac.signal)
    ac.abort()
    expect(channel.open).toBe(true)
    expect(isClosed()).toBe(false)
    push('250 ok\r\n')
    await expect(channel.reply('RSET', 1000)).resolves.toMatchObject({ code: 250 })
    channel.close()
  })

  it('an abort during a later operation with the same signal closes with EABORTED naming that command', async () => {
    const { socket, push } = scriptedSocket()
    const channel = new SmtpChannel(socket)
    const ac = new AbortController()
    push('250 ok\r\n')
    await channel.reply('MAIL', 1000, ac.signal)
    const pending = channel.reply('DATA', 1000, ac.signal)
    ac.abort()
    await expect(pending).rejects.toMatchObject({ code: 'EABORTED', command: 'DATA' })
    expect(channel.open).toBe(false)
  })

  it('after an operation with another signal, aborting the first signal is ignored', async () => {
    const { socket, push } = scriptedSocket()
    const channel = new SmtpChannel(socket)
    const first = new AbortController()
    const second = new AbortController()
    push('250 ok\r\n')
    await channel.reply('MAIL', 1000, first.signal)
    const pending = channel.reply('MAIL', 1000, second.signal)
    first.abort()
    push('250 ok\r\n')
    await expect(pending).resolves.toMatchObject({ code: 250 })
    second.abort()
    expect(channel.open).toBe(true)
    channel.close()
  })
})
