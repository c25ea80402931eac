import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createSmtpClient } from '../../../src/smtp/index.js'
import type { Mailer, SmtpConnectionOptions } from '../../../src/smtp/types.js'
import { freePort } from '../../helpers/ports.js'
import { testCert, testKey } from '../../helpers/tls.js'
import { RELAY_PASS, RELAY_USER, relayClientOptions, smtpReply, startTestRelay, type TestRelay } from './relay.js'
import { startService, type Service } from './service.js'

const mail = { from: 'ada@example.com', to: ['bob@example.org', 'eve@example.net'], subject: 'Hi', text: 'body' }

let relay: TestRelay
beforeAll(async () => {
  relay = await startTestRelay()
})
afterAll(async () => {
  await relay.stop()
})
beforeEach(() => relay.behave({}))

const opened: { service: Service; mailer: Mailer }[] = []
afterEach(async () => {
  for (const { service, mailer } of opened.splice(0)) {
    await service.close()
    await mailer.close()
  }
})

async function serviceFor(overrides: Partial<SmtpConnectionOptions> = {}): Promise<Service> {
  const mailer = createSmtpClient(relayClientOptions(relay, { timeouts: { connect: 2000, command: 2000, data: 2000 }, ...overrides }))
  const service = await startService({ mailer })
  opened.push({ service, mailer })
  return service
}

async function problemOf(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = await res.json()
  expect(body).toMatchObject({ type: 'about:blank', status, code })
  return body
}

describe('relay failures over real sockets', () => {
  it('unreachable relay → 502 relay_unavailable', async () => {
    const service = await serviceFor({ port: await freePort() })
    const body = await problemOf(await service.send(mail), 502, 'relay_unavailable')
    expect(body.smtp).toMatchObject({ code: null })
  })

  it('relay certificate not trusted → 502 relay_unavailable, nothing sent', async () => {
    const before = relay.received.length
    const service = await serviceFor({ ca: undefined })
    await problemOf(await service.send(mail), 502, 'relay_unavailable')
    expect(relay.received).toHaveLength(before)
  })

  it('535 on AUTH → 502 relay_unavailable with the relay reply', async () => {
    const service = await serviceFor({ auth: { user: RELAY_USER, pass: 'wrong' } })
    const body = await problemOf(await service.send(mail), 502, 'relay_unavailable')
    expect(body.smtp).toMatchObject({ code: 535, command: 'AUTH' })
    expect(JSON.stringify(body)).not.toContain('wrong')
    expect(service.logs.at(-1)).toMatchObject({ status: 502, error_code: 'relay_unavailable' })
    for (const secret of ['wrong', RELAY_USER, RELAY_PASS]) expect(JSON.stringify(service.logs)).not.toContain(secret)
  })

  it('550 on every RCPT → 422 smtp_rejected, nothing delivered', async () => {
    relay.behave({ onRcpt: () => smtpReply(550, 'No such user here') })
    const before = relay.received.length
    const service = await serviceFor()
    const body = await problemOf(await service.send(mail), 422, 'smtp_rejected')
    expect(body.smtp).toMatchObject({ code: 550, command: 'RCPT' })
    expect(body.smtp.response).toContain('No such user here')
    expect(relay.received).toHaveLength(before)
  })

  it('550 on some RCPT → 200 with the refused recipients in rejected', async () => {
    relay.behave({ onRcpt: (a) => (a.address === 'eve@example.net' ? smtpReply(550, 'No such user here') : undefined) })
    const service = await serviceFor()
    const res = await service.send(mail)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.accepted).toEqual(['bob@example.org'])
    expect(body.rejected).toEqual([
      { email: 'eve@example.net', code: 550, enhanced_code: expect.any(String), message: expect.stringContaining('No such user here') },
    ])
    expect(relay.received.at(-1)!.to).toEqual(['bob@example.org'])
  })

  it('550 on MAIL → 422 smtp_rejected naming MAIL', async () => {
    relay.behave({ onMail: () => smtpReply(550, 'Sender refused') })
    const service = await serviceFor()
    const body = await problemOf(await service.send(mail), 422, 'smtp_rejected')
    expect(body.smtp).toMatchObject({ code: 550, command: 'MAIL' })
  })

  it('451 on RCPT → 503 relay_busy with Retry-After', async () => {
    relay.behave({ onRcpt: () => smtpReply(451, 'Greylisted, try again later') })
    const service = await serviceFor()
    const res = await service.send(mail)
    const body = await problemOf(res, 503, 'relay_busy')
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(body.smtp).toMatchObject({ code: 451 })
  })

  it('450 on MAIL → 503 relay_busy with Retry-After', async () => {
    relay.behave({ onMail: () => smtpReply(450, 'Mailbox busy') })
    const service = await serviceFor()
    const res = await service.send(mail)
    await problemOf(res, 503, 'relay_busy')
    expect(res.headers.get('retry-after')).not.toBeNull()
  })

  it('421 on MAIL (relay closing) → 503 relay_busy with Retry-After', async () => {
    relay.behave({ onMail: () => smtpReply(421, 'Too busy, closing') })
    const service = await serviceFor()
    const res = await service.send(mail)
    const body = await problemOf(res, 503, 'relay_busy')
    expect(res.headers.get('retry-after')).not.toBeNull()
    expect(body.smtp).toMatchObject({ code: 421 })
  })

  it('slow RCPT reply → 504 relay_timeout, nothing delivered', async () => {
    relay.behave({ rcptDelayMs: 1500 })
    const before = relay.received.length
    const service = await serviceFor({ timeouts: { connect: 2000, command: 300, data: 2000 } })
    await problemOf(await service.send(mail), 504, 'relay_timeout')
    expect(relay.received).toHaveLength(before)
  })

  it('slow reply to the final dot → 504 delivery_unknown', async () => {
    relay.behave({ dataDelayMs: 1500 })
    const before = relay.received.length
    const service = await serviceFor({ timeouts: { connect: 2000, command: 2000, data: 300 } })
    await problemOf(await service.send(mail), 504, 'delivery_unknown')
    // The relay did get the message: that is exactly why the outcome is unknown.
    expect(relay.received.length).toBe(before + 1)
  })
})

describe('message over the relay SIZE', () => {
  let small: SMTPServer
  let port: number
  beforeAll(async () => {
    small = new SMTPServer({ key: testKey, cert: testCert, size: 2000, authOptional: true, disableReverseLookup: true, logger: false })
    await new Promise<void>((r) => small.listen(0, '127.0.0.1', () => r()))
    port = (small.server.address() as { port: number }).port
  })
  afterAll(async () => {
    await new Promise<void>((r) => small.close(() => r()))
  })

  it('→ 413 payload_too_large', async () => {
    const mailer = createSmtpClient({ host: '127.0.0.1', port, tls: 'starttls', ca: testCert, ehloName: 'mailbridge.test' })
    const service = await startService({ mailer })
    opened.push({ service, mailer })
    await problemOf(await service.send({ ...mail, text: 'x'.repeat(5000) }), 413, 'payload_too_large')
  })
})
