/**
 * The SMTP client alone (no HTTP): mailbridge's pool or nodemailer's pooled
 * transport pushes `count` pre-composed messages at `concurrency` outstanding
 * sends. The message is composed once, as `POST /send` composes it.
 * Env: SINK_PORT, POOL_SIZE, KIND (`mailbridge` | `nodemailer`), MESSAGE
 * (`receipt` | `text2k`, default `receipt`).
 * IPC: announces `{}` when ready, answers `{ run: { count, concurrency } }`.
 */
import nodemailer from 'nodemailer'
import { createNodeSocket } from '../../src/runtime/node/socket.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { composedMessage, type MessageName } from '../lib/message.js'
import { quantile } from '../lib/stats.js'

const port = Number(process.env.SINK_PORT)
const size = Number(process.env.POOL_SIZE ?? 5)
const { envelope, raw } = composedMessage((process.env.MESSAGE ?? 'receipt') as MessageName)

type SendOne = () => Promise<unknown>
let sendOne: SendOne
let close: () => Promise<void>
if (process.env.KIND === 'nodemailer') {
  const t = nodemailer.createTransport({ pool: true, maxConnections: size, maxMessages: 100, host: '127.0.0.1', port, secure: false, ignoreTLS: true })
  sendOne = () => t.sendMail({ envelope, raw: Buffer.from(raw) })
  close = async () => t.close()
} else {
  const pool = createSmtpPool({ host: '127.0.0.1', port, tls: 'none', ehloName: 'bench.local', size, maxMessages: 100, connect: createNodeSocket })
  sendOne = () => pool.send({ envelope, raw })
  close = () => pool.close()
}

async function run(count: number, concurrency: number) {
  const latencies = new Float64Array(count)
  let next = 0
  let ok = 0
  let failed = 0
  const t0 = performance.now()
  const worker = async () => {
    while (next < count) {
      const i = next++
      const s = performance.now()
      try {
        await sendOne()
        ok++
      } catch {
        failed++
      }
      latencies[i] = performance.now() - s
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const ms = performance.now() - t0
  latencies.sort()
  return { ok, failed, ms, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) }
}

process.on('message', (m: { id: number; run: { count: number; concurrency: number } }) => {
  void run(m.run.count, m.run.concurrency).then((result) => process.send?.({ id: m.id, result }))
})
process.on('SIGTERM', () => {
  void close().finally(() => process.exit(0))
})
process.send?.({})
