import type { SmtpSink } from '../test/helpers/smtp-sink.js'
import { startChild } from './lib/child.js'
import { load, settledCount } from './lib/load.js'
import { sendBody } from './lib/message.js'
import { mb } from './lib/stats.js'

const MB = 1024 * 1024
const ATTACHMENT_BYTES = 10 * MB

/**
 * The memory targets: peak RSS under 200 MB while serving 256 concurrent
 * requests, and a 10 MB attachment raising peak RSS by less than 6x its size.
 * Each check runs in a fresh server process.
 */
export async function memoryChecks(sink: SmtpSink, sinkPort: number, poolSize: string): Promise<void> {
  console.log('\nmemory')
  for (const script of ['mailbridge.ts', 'reference.ts']) {
    const child = await startChild(script, { SINK_PORT: String(sinkPort), POOL_SIZE: poolSize })
    try {
      const url = `http://127.0.0.1:${child.ready.port as number}/send`
      const r = await load({ url, body: JSON.stringify(sendBody), connections: 256, amount: 256 * 20 })
      const { hwm } = await child.memory()
      const verdict = script === 'mailbridge.ts' ? (hwm < 200 * MB ? ' (target < 200 MB) MET' : ' (target < 200 MB) MISSED') : ''
      console.log(
        `  ${script.replace('.ts', '').padEnd(10)} 256 concurrent: peak RSS ${mb(hwm)} MB${verdict}; ${r.ok} x 200, p99 ${r.p99} ms, failures ${r.non2xx + r.errors}`,
      )
    } finally {
      await child.stop()
    }
  }

  // Deterministic, incompressible-looking bytes.
  const bytes = new Uint8Array(ATTACHMENT_BYTES)
  let x = 0x12345678
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  const attachmentBody = JSON.stringify({
    ...sendBody,
    attachments: [{ filename: 'big.bin', content: Buffer.from(bytes).toString('base64'), content_type: 'application/octet-stream' }],
  })
  for (const script of ['mailbridge.ts', 'reference.ts']) {
    const child = await startChild(script, { SINK_PORT: String(sinkPort), POOL_SIZE: poolSize, MAX_BODY_BYTES: String(32 * MB) })
    try {
      const url = `http://127.0.0.1:${child.ready.port as number}/send`
      await load({ url, body: JSON.stringify(sendBody), connections: 8, amount: 400 })
      const before = await child.memory()
      const atSinkBefore = await settledCount(sink)
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: attachmentBody })
      await res.arrayBuffer()
      const after = await child.memory()
      const arrived = (await settledCount(sink)) - atSinkBefore
      const rise = after.hwm - before.hwm
      const verdict = script === 'mailbridge.ts' ? (rise < 6 * ATTACHMENT_BYTES ? ' (target < 6x) MET' : ' (target < 6x) MISSED') : ''
      console.log(
        `  ${script.replace('.ts', '').padEnd(10)} 10 MB attachment (${mb(attachmentBody.length)} MB JSON): HTTP ${res.status}, at sink ${arrived}, peak RSS ${mb(before.hwm)} -> ${mb(after.hwm)} MB, rise ${(rise / ATTACHMENT_BYTES).toFixed(2)}x the attachment${verdict}`,
      )
    } finally {
      await child.stop()
    }
  }
}
