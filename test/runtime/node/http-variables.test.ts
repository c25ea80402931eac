import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useTempDir } from '../../helpers/fixture.js'
import { useServer } from '../../helpers/server.js'
import { postMail } from './post-mail.js'

/**
 * The variables that shape the HTTP side, set together on a real server
 * (capture relay): each one must reach createApp through startServer.
 */
describe('API_KEYS, ALLOWED_SENDERS, DEFAULT_FROM, MAX_BODY_BYTES, MAX_RECIPIENTS and CORS_ORIGINS in a running server', () => {
  const outbox = useTempDir('mailbridge-vars-')
  const app = useServer(() =>
    loadConfig({
      PORT: '0',
      OUTBOX_DIR: outbox(),
      API_KEYS: 'k-one,k-two',
      ALLOWED_SENDERS: '@example.com',
      DEFAULT_FROM: 'App <app@example.com>',
      MAX_BODY_BYTES: '2000',
      MAX_RECIPIENTS: '2',
      CORS_ORIGINS: 'https://app.example.com',
    }),
  )
  const auth = { authorization: 'Bearer k-two', origin: 'https://app.example.com' }
  const mail = { to: 'b@example.org', subject: 's', text: 'x' }

  it('applies each of them', async () => {
    const { url } = app.server()

    const noKey = await postMail(url, { body: mail })
    expect(noKey.status).toBe(401)
    expect(noKey.headers.get('www-authenticate')).toBe('Bearer realm="mailbridge"')

    const sent = await postMail(url, { body: mail, headers: auth })
    expect(sent.status).toBe(200)
    expect(sent.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(((await sent.json()) as { accepted: string[] }).accepted).toEqual(['b@example.org'])

    const foreign = await postMail(url, { body: { ...mail, from: 'x@other.example' }, headers: auth })
    expect(foreign.status).toBe(403)
    expect(await foreign.json()).toMatchObject({ code: 'sender_not_allowed' })

    const crowd = await postMail(url, { body: { ...mail, to: ['a@example.org', 'b@example.org'], cc: 'c@example.org' }, headers: auth })
    expect(crowd.status).toBe(422)
    expect(await crowd.json()).toMatchObject({ code: 'validation_error', errors: [{ path: 'cc' }] })

    const big = await postMail(url, { body: { ...mail, text: 'x'.repeat(2500) }, headers: auth })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ code: 'payload_too_large' })
  })
})

describe('MAX_REPLY_TO, MAX_HEADERS and MAX_HEADER_BYTES in a running server', () => {
  const outbox = useTempDir('mailbridge-limits-')
  const app = useServer(() => loadConfig({ PORT: '0', OUTBOX_DIR: outbox(), MAX_REPLY_TO: '1', MAX_HEADERS: '2', MAX_HEADER_BYTES: '40' }))
  const mail = { from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }

  it('applies each of them', async () => {
    const { url } = app.server()
    expect((await postMail(url, { body: { ...mail, reply_to: 'r@example.org', headers: { 'X-A': '1', 'X-B': '2' } } })).status).toBe(200)

    const replyTo = await postMail(url, { body: { ...mail, reply_to: ['r@example.org', 's@example.org'] } })
    expect(replyTo.status).toBe(422)
    expect(await replyTo.json()).toMatchObject({ errors: [{ path: 'reply_to' }] })

    const many = await postMail(url, { body: { ...mail, headers: { 'X-A': '1', 'X-B': '2', 'X-C': '3' } } })
    expect(many.status).toBe(422)
    expect(await many.json()).toMatchObject({ errors: [{ path: 'headers', message: expect.stringMatching(/at most 2 /) }] })

    const large = await postMail(url, { body: { ...mail, headers: { 'X-A': 'y'.repeat(60) } } })
    expect(large.status).toBe(422)
    expect(await large.json()).toMatchObject({ errors: [{ path: 'headers', message: expect.stringMatching(/at most 40 bytes/) }] })
  })
})
