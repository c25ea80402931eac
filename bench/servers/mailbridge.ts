/**
 * mailbridge exactly as `npm start` runs it: `loadNodeConfig` + `startServer`
 * (src/runtime/node/server.ts), pointed at the sink in clear text (SMTP_TLS=none), with the
 * default JSON request log on stdout (sent to /dev/null by the bench).
 * Env: SINK_PORT, POOL_SIZE, MAX_BODY_BYTES. Announces `{ port }` over IPC.
 */
import { startServer } from '../../src/runtime/node/server.js'
import { loadNodeConfig } from '../../src/runtime/node/node-config.js'

const config = loadNodeConfig({
  ...process.env,
  HOST: '127.0.0.1',
  PORT: '0',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: process.env.SINK_PORT,
  SMTP_TLS: 'none',
  SMTP_POOL_SIZE: process.env.POOL_SIZE ?? '5',
  SMTP_POOL_MAX_MESSAGES: '100',
  SMTP_EHLO_NAME: 'bench.local',
  MAX_BODY_BYTES: process.env.MAX_BODY_BYTES ?? String(10 * 1024 * 1024),
})
const server = await startServer(config)
process.send?.({ port: server.port })
process.on('SIGTERM', () => {
  setTimeout(() => process.exit(0), 3000).unref()
  void server.close().finally(() => process.exit(0))
})
