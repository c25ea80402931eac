/**
 * mailbridge as deployed: the real app (`createApp`) on @hono/node-server with
 * the SMTP pool to the sink in clear text (SMTP_TLS=none). Env: SINK_PORT,
 * POOL_SIZE, MAX_BODY_BYTES. Announces `{ port }` over IPC. Request logging
 * stays on (stdout goes to /dev/null), as in production.
 */
import { serve } from '@hono/node-server'
import { createApp } from '../../src/app.js'
import { createSmtpPool } from '../../src/smtp/pool.js'

const pool = createSmtpPool({
  host: '127.0.0.1',
  port: Number(process.env.SINK_PORT),
  tls: 'none',
  ehloName: 'bench.local',
  size: Number(process.env.POOL_SIZE ?? 5),
  maxMessages: 100,
})
const app = createApp({
  mailer: pool,
  maxBodyBytes: Number(process.env.MAX_BODY_BYTES ?? 10 * 1024 * 1024),
  maxRecipients: 50,
})

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.send?.({ port: info.port })
})
process.on('SIGTERM', () => {
  server.close()
  void pool.close().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
})
