/**
 * Reference for cold starts on Node: a bare Hono app on @hono/node-server
 * that answers `POST /send` 200 without sending anything. Env: PORT.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.post('/send', async (c) => c.json({ received: Object.keys(await c.req.json<Record<string, unknown>>()).length }))
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' })
