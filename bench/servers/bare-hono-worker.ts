/**
 * Reference for the Worker's size and cold start: a bare Hono app that
 * answers `POST /send` 200 without sending anything.
 */
import { Hono } from 'hono'

const app = new Hono()
app.post('/send', async (c) => c.json({ received: Object.keys(await c.req.json<Record<string, unknown>>()).length }))
app.get('/healthz', (c) => c.json({ status: 'ok' }))

export default app
