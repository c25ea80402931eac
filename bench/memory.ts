import type { SmtpSink } from '../test/helpers/smtp-sink.js'
import { startChild } from './lib/child.js'
import { load, settledCount } from './lib/load.js'
import { sendBody } from './lib/message.js'
import { mb, median } from './lib/stats.js'

const MiB = 1024 * 1024
const ATTACHMENT_BYTES = 10 * MiB
const CONCURRENT_REQUESTS = 16
const CONCURRENT_ATTACHMENT_BYTES = 5 * MiB
const REPEATS = Number(process.env.BENCH_MEMORY_REPEATS ?? 3)
const CONTENDERS = ['mailbridge.ts', 'reference.ts'] as const

/** Deterministic, incompressible-looking bytes. */
function noise(n: number, seed = 0x12345678): Uint8Array {
  const bytes = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  return bytes
}

/** A `/send` body carrying one attachment of `bytes` bytes. */
const withAttachment = (bytes: number, seed?: number) =>
  JSON.stringify({
    ...sendBody,
    attachments: [{ filename: 'big.bin', content: Buffer.from(noise(bytes, seed)).toString('base64'), content_type: 'application/octet-stream' }],
  })

/** Peak RSS of a fresh server serving 256 concurrent `/send` requests. */
async function concurrentPeak(script: string, env: Record<string, string>): Promise<{ hwm: number; failures: number }> {
  const child = await startChild(script, env)
  try {
    const url = `http://127.0.0.1:${child.ready.port as number}/send`
    const r = await load({ url, body: JSON.stringify(sendBody), connections: 256, amount: 256 * 20 })
    return { hwm: (await child.memory()).hwm, failures: r.non2xx + r.errors }
  } finally {
    await child.stop()
  }
}

/** Rise of a warmed server's peak RSS over `bodies` sent at once, and the peak itself. */
async function attachmentRise(sink: SmtpSink, script: string, env: Record<string, string>, bodies: string[]) {
  const child = await startChild(script, { ...env, MAX_BODY_BYTES: String(32 * MiB) })
  try {
    const url = `http://127.0.0.1:${child.ready.port as number}/send`
    await load({ url, body: JSON.stringify(sendBody), connections: 8, amount: 400 })
    const before = await child.memory()
    const atSinkBefore = await settledCount(sink)
    const statuses = await Promise.all(
      bodies.map(async (body) => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        await res.arrayBuffer()
        return res.status
      }),
    )
    const after = await child.memory()
    const arrived = (await settledCount(sink)) - atSinkBefore
    return { rise: after.hwm - before.hwm, peak: after.hwm, ok: statuses.every((s) => s === 200) && arrived === bodies.length }
  } finally {
    await child.stop()
  }
}

/**
 * The memory targets, each in fresh server processes, median of
 * BENCH_MEMORY_REPEATS: peak RSS under 200 MB while serving 256 concurrent
 * requests; a 10 MiB attachment raising peak RSS by at most 2.5x its size;
 * 16 concurrent requests with 5 MiB attachments raising it by at most 3x the
 * attachment bytes in flight. Sizes are MiB (2^20 bytes), as /proc reports them.
 */
export async function memoryChecks(sink: SmtpSink, sinkPort: number, poolSize: string): Promise<void> {
  const env = { SINK_PORT: String(sinkPort), POOL_SIZE: poolSize }
  const label = (script: string) => script.replace('.ts', '').padEnd(10)
  console.log(`\nmemory (fresh process per run, median of ${REPEATS})`)
  for (const script of CONTENDERS) {
    const runs = []
    for (let i = 0; i < REPEATS; i++) runs.push(await concurrentPeak(script, env))
    const hwm = median(runs.map((r) => r.hwm))
    const verdict = script === 'mailbridge.ts' ? ` (target < 200 MB = 190.7 MiB) ${hwm < 200e6 ? 'MET' : 'MISSED'}` : ''
    const failures = runs.reduce((a, r) => a + r.failures, 0)
    console.log(`  ${label(script)} 256 concurrent: peak RSS ${mb(hwm)} MiB${verdict}; runs ${runs.map((r) => mb(r.hwm)).join(', ')}; failures ${failures}`)
  }

  const body = withAttachment(ATTACHMENT_BYTES)
  for (const script of CONTENDERS) {
    const runs = []
    for (let i = 0; i < REPEATS; i++) runs.push(await attachmentRise(sink, script, env, [body]))
    const rise = median(runs.map((r) => r.rise)) / ATTACHMENT_BYTES
    const verdict = script === 'mailbridge.ts' ? ` (target <= 2.5x) ${rise <= 2.5 ? 'MET' : 'MISSED'}` : ''
    console.log(
      `  ${label(script)} 10 MiB attachment (${mb(body.length)} MiB of JSON): peak RSS rise ${rise.toFixed(2)}x the attachment${verdict}; runs ${runs.map((r) => (r.rise / ATTACHMENT_BYTES).toFixed(2)).join(', ')}; all delivered once: ${runs.every((r) => r.ok)}`,
    )
  }

  // Each body different, as from different callers.
  const bodies = Array.from({ length: CONCURRENT_REQUESTS }, (_, i) => withAttachment(CONCURRENT_ATTACHMENT_BYTES, 0x12345678 + i))
  const inFlight = CONCURRENT_REQUESTS * CONCURRENT_ATTACHMENT_BYTES
  const json = bodies.reduce((a, b) => a + b.length, 0)
  for (const script of CONTENDERS) {
    const runs = []
    for (let i = 0; i < REPEATS; i++) runs.push(await attachmentRise(sink, script, env, bodies))
    const rise = median(runs.map((r) => r.rise)) / inFlight
    const verdict = script === 'mailbridge.ts' ? ` (target <= 3x) ${rise <= 3 ? 'MET' : 'MISSED'}` : ''
    console.log(
      `  ${label(script)} ${CONCURRENT_REQUESTS} concurrent 5 MiB attachments (${mb(inFlight)} MiB in flight, ${mb(json)} MiB of JSON): peak RSS rise ${rise.toFixed(2)}x the bytes in flight${verdict}, peak ${mb(median(runs.map((r) => r.peak)))} MiB; runs ${runs.map((r) => (r.rise / inFlight).toFixed(2)).join(', ')}; all delivered once: ${runs.every((r) => r.ok)}`,
    )
  }
}
