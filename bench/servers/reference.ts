/**
 * The reference a user would otherwise build: a minimal Hono app on
 * @hono/node-server whose `/send` hands the JSON to nodemailer's pooled SMTP
 * transport. Env: SINK_PORT, POOL_SIZE. Announces `{ port }` over IPC.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import nodemailer from 'nodemailer'

const transporter = nodemailer.createTransport({
  pool: true,
  maxConnections: Number(process.env.POOL_SIZE ?? 5),
  maxMessages: 100,
  host: '127.0.0.1',
  port: Number(process.env.SINK_PORT),
  secure: false,
  ignoreTLS: true,
})

interface Body {
  from: string
  to: string | string[]
  subject: string
  text?: string
  html?: string
  attachments?: Array<{ filename: string; content: string; content_type?: string }>
}

const app = new Hono()
app.post('/send', async (c) => {
  const body = await c.req.json<Body>()
  try {
    const info = await transporter.sendMail({
      from: body.from,
      to: body.to,
      subject: body.subject,
      text: body.text,
      html: body.html,
      attachments: body.attachments?.map((a) => ({
        filename: a.filename,
        content: a.content,
        encoding: 'base64',
        contentType: a.content_type,
      })),
    })
    return c.json({ message_id: info.messageId, accepted: info.accepted, rejected: info.rejected, smtp_response: info.response })
  } catch (e) {
    return c.json({ error: (e as Error).message }, 502)
  }
})

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.send?.({ port: info.port })
})
process.on('SIGTERM', () => {
  transporter.close()
  server.close()
  process.exit(0)
})
