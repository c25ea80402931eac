/**
 * `npm run bench`: mailbridge against the Hono + nodemailer reference, on one
 * Postfix smtp-sink, alternating the contenders round by round and reporting
 * the median of the rounds. See the Performance section of README.md.
 *
 * Env: BENCH_ROUNDS (3), BENCH_SECONDS (4, per measured HTTP run),
 * BENCH_CONCURRENCY (64), BENCH_CLIENT_COUNT (15000), POOL_SIZE (5),
 * BENCH_PROFILE=1 (writes --cpu-prof profiles of the mailbridge processes to bench/profiles/).
 */
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink.js'
import { startChild, type BenchChild } from './lib/child.js'
import { load, settledCount } from './lib/load.js'
import { sendBody } from './lib/message.js'
import { startScriptNodeFlags } from './lib/start-flags.js'
import { mb, median } from './lib/stats.js'
import { memoryChecks } from './memory.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64)
const CLIENT_COUNT = Number(process.env.BENCH_CLIENT_COUNT ?? 15000)
const POOL_SIZE = process.env.POOL_SIZE ?? '5'
const BATCH_SIZE = 100
const BATCH_CONNECTIONS = 4
const PROFILE = process.env.BENCH_PROFILE === '1'

/** One measured run of one scenario. */
export interface Sample {
  msgsPerSec: number
  p50: number
  p99: number
  peakRss: number
  /** Messages the contender reported sent (2xx responses, or batch items sent). */
  sent: number
  /** Messages the sink received during the run. */
  atSink: number
  failures: number
  /** Length of the measured run. */
  seconds: number
  /** CPU time the contender's process spent per message sent, in microseconds. */
  cpuUsPerMsg: number
}

type Scenario = 'send:mailbridge' | 'send:reference' | 'batch:mailbridge' | 'client:mailbridge' | 'client:nodemailer'

const profileArgs = (name: string) =>
  // One directory per contender; V8 names each thread's file, so the main thread's is the largest.
  PROFILE ? ['--cpu-prof', `--cpu-prof-dir=bench/profiles/${name.replace('.ts', '')}`] : []

async function httpRun(
  sink: SmtpSink,
  script: string,
  path: string,
  body: string,
  connections: number,
  messagesPerOk?: (body: string) => number,
): Promise<Sample> {
  const child = await startChild(script, { SINK_PORT: String(sinkPort), POOL_SIZE }, profileArgs(script))
  try {
    const url = `http://127.0.0.1:${child.ready.port as number}${path}`
    // Warm-up (JIT, pool connections), then a calibration run for the amount that fills SECONDS.
    await load({ url, body, connections, amount: connections * 10, messagesPerOk })
    const warm = await load({ url, body, connections, amount: connections * 20, messagesPerOk })
    const rate = warm.ok / warm.seconds || 1
    const amount = Math.max(connections * 10, Math.round(rate * SECONDS))
    const before = await settledCount(sink)
    const cpu0 = await child.cpuMs()
    const r = await load({ url, body, connections, amount, messagesPerOk })
    const cpu = (await child.cpuMs()) - cpu0
    const after = await settledCount(sink)
    const { hwm } = await child.memory()
    return {
      msgsPerSec: r.messages / r.seconds,
      p50: r.p50,
      p99: r.p99,
      peakRss: hwm,
      sent: r.messages,
      atSink: after - before,
      failures: r.non2xx + r.errors,
      seconds: r.seconds,
      cpuUsPerMsg: (cpu * 1000) / r.messages,
    }
  } finally {
    await child.stop()
  }
}

async function clientRun(sink: SmtpSink, kind: 'mailbridge' | 'nodemailer'): Promise<Sample> {
  const child: BenchChild = await startChild(
    'client-alone.ts',
    { SINK_PORT: String(sinkPort), POOL_SIZE, KIND: kind },
    profileArgs(`client-${kind}`),
  )
  try {
    type Run = { ok: number; failed: number; ms: number; p50: number; p99: number }
    await child.request<Run>({ run: { count: 2000, concurrency: CONCURRENCY } })
    const before = await settledCount(sink)
    const cpu0 = await child.cpuMs()
    const r = await child.request<Run>({ run: { count: CLIENT_COUNT, concurrency: CONCURRENCY } })
    const cpu = (await child.cpuMs()) - cpu0
    const after = await settledCount(sink)
    const { hwm } = await child.memory()
    return {
      msgsPerSec: r.ok / (r.ms / 1000),
      p50: r.p50,
      p99: r.p99,
      peakRss: hwm,
      sent: r.ok,
      atSink: after - before,
      failures: r.failed,
      seconds: r.ms / 1000,
      cpuUsPerMsg: (cpu * 1000) / r.ok,
    }
  } finally {
    await child.stop()
  }
}

let sinkPort = 0

async function main(): Promise<void> {
  const sink = await startSmtpSink({ backlog: 1024 })
  sinkPort = sink.port
  const stopSink = () => void sink.stop().finally(() => process.exit(130))
  process.once('SIGINT', stopSink)
  try {
    await measure(sink)
  } finally {
    process.off('SIGINT', stopSink)
    await sink.stop()
  }
}

async function measure(sink: SmtpSink): Promise<void> {
  const sendJson = JSON.stringify(sendBody)
  const batchJson = JSON.stringify(Array.from({ length: BATCH_SIZE }, () => sendBody))
  const countSent = (res: string) => res.split('"message_id"').length - 1

  const runs: Record<Scenario, () => Promise<Sample>> = {
    'send:mailbridge': () => httpRun(sink, 'mailbridge.ts', '/send', sendJson, CONCURRENCY),
    'send:reference': () => httpRun(sink, 'reference.ts', '/send', sendJson, CONCURRENCY),
    'batch:mailbridge': () => httpRun(sink, 'mailbridge.ts', '/send/batch', batchJson, BATCH_CONNECTIONS, countSent),
    'client:mailbridge': () => clientRun(sink, 'mailbridge'),
    'client:nodemailer': () => clientRun(sink, 'nodemailer'),
  }
  const pairs: Scenario[][] = [
    ['send:mailbridge', 'send:reference'],
    ['client:mailbridge', 'client:nodemailer'],
    ['batch:mailbridge'],
  ]
  const only = process.env.BENCH_ONLY?.split(',')
  const samples = new Map<Scenario, Sample[]>()
  const t0 = Date.now()
  for (let round = 0; round < ROUNDS; round++) {
    for (const pair of pairs) {
      const ordered = round % 2 ? [...pair].reverse() : pair
      for (const name of ordered) {
        if (only && !only.some((o) => name.startsWith(o))) continue
        const s = await runs[name]()
        samples.set(name, [...(samples.get(name) ?? []), s])
        console.error(
          `round ${round + 1}/${ROUNDS} ${name.padEnd(18)} ${s.msgsPerSec.toFixed(0).padStart(6)} msg/s  p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  peak RSS ${mb(s.peakRss)} MiB  sent ${s.sent}  at sink ${s.atSink}  failures ${s.failures}  ${s.seconds.toFixed(1)} s  CPU ${s.cpuUsPerMsg.toFixed(0)} us/msg`,
        )
      }
    }
  }

  report(samples)
  if (!only || only.includes('memory')) await memoryChecks(sink, sinkPort, POOL_SIZE)
  console.log(`\ntotal bench time ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

function report(samples: Map<Scenario, Sample[]>): void {
  const med = (name: Scenario, key: keyof Sample) => median((samples.get(name) ?? []).map((s) => s[key]))
  const flags = startScriptNodeFlags().join(' ') || 'none'
  console.log(`\nmedian of ${ROUNDS} alternating rounds; pool size ${POOL_SIZE}; HTTP concurrency ${CONCURRENCY} (batch: ${BATCH_CONNECTIONS} x ${BATCH_SIZE}); mailbridge Node flags from npm start: ${flags}\n`)
  console.log('| scenario | msgs/s | p50 ms | p99 ms | peak RSS MiB | CPU us/msg | sent (all rounds) | at sink | failures |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const [name, list] of samples) {
    const sent = list.reduce((a, s) => a + s.sent, 0)
    const atSink = list.reduce((a, s) => a + s.atSink, 0)
    const failures = list.reduce((a, s) => a + s.failures, 0)
    const match = sent === atSink ? '' : ' MISMATCH'
    console.log(
      `| ${name} | ${med(name, 'msgsPerSec').toFixed(0)} | ${med(name, 'p50').toFixed(1)} | ${med(name, 'p99').toFixed(1)} | ${mb(med(name, 'peakRss'))} | ${med(name, 'cpuUsPerMsg').toFixed(0)} | ${sent} | ${atSink}${match} | ${failures} |`,
    )
  }
  const ratio = (a: Scenario, b: Scenario, key: keyof Sample) => med(a, key) / med(b, key)
  console.log('')
  if (samples.has('send:mailbridge') && samples.has('send:reference')) {
    const t = ratio('send:mailbridge', 'send:reference', 'msgsPerSec')
    const p = ratio('send:mailbridge', 'send:reference', 'p99')
    console.log(`/send throughput mailbridge/reference: ${t.toFixed(2)}x (target >= 2x) ${t >= 2 ? 'MET' : 'MISSED'}`)
    console.log(`/send p99 mailbridge/reference: ${p.toFixed(2)}x (target <= 1x) ${p <= 1 ? 'MET' : 'MISSED'}`)
    console.log(`/send peak RSS mailbridge/reference: ${ratio('send:mailbridge', 'send:reference', 'peakRss').toFixed(2)}x`)
  }
  if (samples.has('batch:mailbridge')) {
    const b = med('batch:mailbridge', 'msgsPerSec')
    console.log(`batch throughput: ${b.toFixed(0)} msg/s (target >= 5000) ${b >= 5000 ? 'MET' : 'MISSED'}`)
  }
  if (samples.has('client:mailbridge') && samples.has('client:nodemailer')) {
    const c = ratio('client:mailbridge', 'client:nodemailer', 'msgsPerSec')
    console.log(`client alone mailbridge/nodemailer: ${c.toFixed(2)}x (target >= 2x) ${c >= 2 ? 'MET' : 'MISSED'}`)
  }
}

await main()
