import { describe, expect, it } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'
import { withRetries } from '../../src/smtp/retry.js'
import type { AbortSource, Mailer, SendOptions, SendResult } from '../../src/smtp/types.js'

const message = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }
const ok: SendResult = { accepted: ['b@y.test'], rejected: [], response: '250 ok', queueId: null }

/** A mailer whose sends wait for `hold` (or succeed at once), failing with EABORTED when their signal aborts. */
function fakeMailer(hold: (n: number) => boolean) {
  const signals: AbortSource[] = []
  let n = 0
  const mailer: Mailer = {
    send: (_m, options: SendOptions = {}) => {
      const signal = options.signal!
      signals.push(signal)
      if (signal.aborted) return Promise.reject(new Error('handed an aborted signal'))
      if (!hold(n++)) return Promise.resolve(ok)
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => reject(new SmtpError('EABORTED', 'aborted', { command: 'RCPT', transient: false })), { once: true })
      })
    },
    close: async () => {},
  }
  return { mailer, signals }
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('withRetries: one timer for every send in flight', () => {
  it('cuts a held send at its deadline while quick sends around it succeed', async () => {
    const { mailer } = fakeMailer((n) => n === 1)
    const retrying = withRetries(mailer, { deadlineMs: 80 })
    const first = retrying.send(message)
    const held = retrying.send(message).catch((e: unknown) => e)
    const quick = await Promise.all([first, retrying.send(message), retrying.send(message)])
    expect(quick.map((r) => r.response)).toEqual(['250 ok', '250 ok', '250 ok'])
    expect(await held).toMatchObject({ code: 'ETIMEOUT', command: 'RCPT' })
  })

  it('cuts each of several held sends, started at different times, at its own deadline', async () => {
    const { mailer } = fakeMailer(() => true)
    const retrying = withRetries(mailer, { deadlineMs: 60 })
    const a = retrying.send(message).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 30))
    const b = retrying.send(message).catch((e: unknown) => e)
    expect(await a).toMatchObject({ code: 'ETIMEOUT' })
    expect(await b).toMatchObject({ code: 'ETIMEOUT' })
  })

  it('never hands a signal aborted by a deadline to a later send: each send has its own', async () => {
    const { mailer, signals } = fakeMailer((n) => n === 0)
    const retrying = withRetries(mailer, { deadlineMs: 40 })
    await expect(retrying.send(message)).rejects.toMatchObject({ code: 'ETIMEOUT' })
    for (let i = 0; i < 5; i++) await expect(retrying.send(message)).resolves.toBe(ok)
    expect(signals[0]!.aborted).toBe(true)
    expect(signals.slice(1).every((s) => !s.aborted && s !== signals[0])).toBe(true)
    expect(new Set(signals).size).toBe(6)
  })

  it('leaves no timer behind once every send has settled', async () => {
    const { mailer } = fakeMailer(() => false)
    const retrying = withRetries(mailer, { deadlineMs: 30_000 })
    const before = timers()
    await Promise.all([retrying.send(message), retrying.send(message), retrying.send(message)])
    expect(timers()).toBe(before)
  })

  it('an outer abort still aborts the attempt, and its signal is not reused', async () => {
    const { mailer, signals } = fakeMailer((n) => n === 0)
    const retrying = withRetries(mailer, { deadlineMs: 30_000 })
    const outer = new AbortController()
    const p = retrying.send(message, { signal: outer.signal }).catch((e: unknown) => e)
    outer.abort()
    expect(await p).toMatchObject({ code: 'EABORTED' })
    await retrying.send(message)
    expect(signals[1]).not.toBe(signals[0])
    expect(signals[1]!.aborted).toBe(false)
  })
})
