import { afterEach, describe, expect, it } from 'vitest'
import { createReadiness, ehloCheck } from '../../src/smtp/probe.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { freePort } from '../helpers/ports.js'

const servers: FakeServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
})

async function relay(): Promise<FakeServer> {
  const s = await startFakeSmtp((session) => serveHappy(session).then(() => {}))
  servers.push(s)
  return s
}

const check = (port: number) => ehloCheck({ host: '127.0.0.1', port, tls: 'none' })

describe('createReadiness with ehloCheck against a real relay', () => {
  it('is ready when the relay answers EHLO and would take a sender (MAIL FROM:<>, then RSET: nothing is sent), and QUITs the check connection', async () => {
    const server = await relay()
    const readiness = createReadiness({ checks: { primary: check(server.port) } })
    expect(await readiness.check()).toMatchObject({ ready: true })
    await server.sessions[0]!.closed
    expect(server.sessions[0]!.received()).toMatch(/^EHLO [^\r]+\r\nMAIL FROM:<>\r\nRSET\r\nQUIT\r\n$/)
  })

  it('is not ready when the relay refuses connections, with the reason', async () => {
    const readiness = createReadiness({ checks: { primary: check(await freePort()) } })
    const state = await readiness.check()
    expect(state.ready).toBe(false)
    expect(state.ready === false && state.reason).toMatch(/^relay: ECONNECT/)
  })

  it('is not ready when the relay does not greet within the short timeout', async () => {
    const silent = await startFakeSmtp(() => new Promise<void>(() => {}))
    servers.push(silent)
    const readiness = createReadiness({ checks: { primary: check(silent.port) }, timeoutMs: 100 })
    const state = await readiness.check()
    expect(state).toMatchObject({ ready: false, reason: expect.stringContaining('no answer within 100 ms') })
  })

  it('is ready when the fallback answers though the primary is down; names both when neither does', async () => {
    const fallback = await relay()
    const down = await freePort()
    expect(await createReadiness({ checks: { primary: check(down), fallback: check(fallback.port) } }).check()).toMatchObject({ ready: true })
    const state = await createReadiness({ checks: { primary: check(down), fallback: check(await freePort()) } }).check()
    expect(state.ready === false && state.reason).toMatch(/^primary relay: ECONNECT.*; fallback relay: ECONNECT/)
  })

  it('caches the answer for cacheMs, shares one check between concurrent callers, and takes a send as evidence', async () => {
    let clock = 0
    let checks = 0
    const readiness = createReadiness({
      checks: { primary: async () => void checks++ },
      cacheMs: 5_000,
      now: () => clock,
    })
    await Promise.all([readiness.check(), readiness.check(), readiness.check()])
    expect(checks).toBe(1)
    clock = 4_999
    await readiness.check()
    expect(checks).toBe(1)
    clock = 5_000
    await readiness.check()
    expect(checks).toBe(2)
    clock = 9_000
    readiness.markAnswered()
    clock = 13_000
    expect(await readiness.check()).toMatchObject({ ready: true })
    expect(checks).toBe(2)
  })
})
