/**
 * Reference for the Lambda cold start: a bare Hono app behind
 * `handle(app)` that answers `POST /send` 200 without sending anything.
 */
import { Hono } from 'hono'
import { handle } from 'hono/aws-lambda'

const app = new Hono()
app.post('/send', async (c) => c.json({ received: Object.keys(await c.req.json<Record<string, unknown>>()).length }))

export const handler = handle(app)
