/**
 * The HTTP floor: a bare Hono app on @hono/node-server whose `POST /send`
 * parses the JSON body and answers JSON of the shape and size of mailbridge's
 * `200` (built from the parsed body), sending nothing. With the SMTP client
 * alone it makes the floor of a `/send`. Announces `{ port }` over IPC.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

interface Body {
  to: string | string[]
}

let n = 0
const app = new Hono()
app.post('/send', async (c) => {
  const body = await c.req.json<Body>()
  n++
  return c.json({
    message_id: `<echo.${n}@example.com>`,
    queue_id: 'ECHO12345',
    accepted: Array.isArray(body.to) ? body.to : [body.to],
    rejected: [],
    smtp_response: '250 2.0.0 Ok: queued as ECHO12345',
  })
})

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.send?.({ port: info.port })
})
process.on('SIGTERM', () => {
  server.close()
  process.exit(0)
})
