import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient } from '../../src/smtp/index.js'
import { serveHappy, spyingFactory, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer
beforeAll(async () => {
  server = await startFakeSmtp(async (s) => {
    await serveHappy(s, ['PIPELINING'])
  })
})
afterAll(async () => {
  await server.stop()
})

const msg = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

describe('one-shot client (createSmtpClient)', () => {
  it('opens one connection per message and QUITs after it', async () => {
    const spy = spyingFactory()
    const client = createSmtpClient({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
    const sessions = server.sessions.length
    await client.send(msg)
    await client.send(msg)
    expect(spy.connects).toBe(2)
    expect(spy.writes.filter((w) => w === 'QUIT\r\n')).toHaveLength(2)
    await Promise.all(server.sessions.slice(sessions).map((s) => s.closed))
    await client.close()
  })

  it('close() waits for in-flight sends, then refuses new ones', async () => {
    const client = createSmtpClient({ host: '127.0.0.1', port: server.port, tls: 'none' })
    let settled = false
    const inFlight = client.send(msg).then(() => (settled = true))
    await client.close()
    expect(settled).toBe(true)
    await inFlight
    await expect(client.send(msg)).rejects.toMatchObject({ code: 'EABORTED' })
  })
})
