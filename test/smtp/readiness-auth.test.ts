import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReadiness, ehloCheck } from '../../src/smtp/probe.js'
import { relayClientOptions, startTestRelay, type TestRelay } from '../http/e2e/relay.js'

let relay: TestRelay
beforeAll(async () => {
  relay = await startTestRelay() // smtp-server that requires STARTTLS and AUTH
})
afterAll(async () => {
  await relay.stop()
})

const readiness = (overrides: Parameters<typeof relayClientOptions>[1]) =>
  createReadiness({ checks: { primary: ehloCheck(relayClientOptions(relay, overrides)) }, timeoutMs: 5_000 })

describe('readiness and the relay\'s authentication', () => {
  it('with the right credentials, the probe authenticates and is ready', async () => {
    await expect(readiness({}).check()).resolves.toMatchObject({ ready: true })
  })

  it('with wrong credentials, it is not ready and says the relay refused AUTH', async () => {
    const state = await readiness({ auth: { user: 'relay-user', pass: 'wrong' } }).check()
    expect(state).toMatchObject({ ready: false })
    expect(state.ready === false && state.reason).toMatch(/^relay: EAUTH: .*535/)
  })

  it('without credentials at a relay that requires AUTH, it is not ready (MAIL answered 530), and nothing is sent', async () => {
    const before = relay.received.length
    const state = await readiness({ auth: undefined }).check()
    expect(state).toMatchObject({ ready: false })
    expect(state.ready === false && state.reason).toMatch(/wants authentication and none is configured \(set SMTP_USER and SMTP_PASS\).*530/)
    expect(relay.received).toHaveLength(before)
  })
})
