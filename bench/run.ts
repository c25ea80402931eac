/**
 * `npm run bench`: mailbridge against its floors and the Hono + nodemailer
 * reference, on one Postfix smtp-sink, alternating the contenders round by
 * round and reporting the median of the rounds. See docs/performance.md.
 *
 * Env: BENCH_ROUNDS (3), BENCH_SECONDS (4, per measured HTTP run),
 * BENCH_CONCURRENCY (64), BENCH_CLIENT_COUNT (15000), POOL_SIZE (5),
 * BENCH_ONLY (comma-separated key prefixes: send, echo, client, batch, memory,
 * or longer, e.g. send:text2k), BENCH_SVG (where the chart goes; default
 * docs/performance.svg when every scenario ran), BENCH_PROFILE=1 (writes
 * --cpu-prof profiles of the contenders to bench/profiles/).
 */
import { writeFileSync } from 'node:fs'
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink.js'
import { chart } from './lib/chart.js'
import { startChild, type BenchChild } from './lib/child.js'
import { load, settledCount } from './lib/load.js'
import { MESSAGES, type MessageName } from './lib/message.js'
import { rows, table, targets } from './lib/report.js'
import type { Sample, ScenarioKey } from './lib/sample.js'
import { startScriptNodeFlags } from '../scripts/start-flags.js'
import { mb } from './lib/stats.js'
import { memoryChecks } from './memory.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64)
const CLIENT_COUNT = Number(process.env.BENCH_CLIENT_COUNT ?? 15000)
const POOL_SIZE = process.env.POOL_SIZE ?? '5'
const BATCH_SIZE = 100
const BATCH_CONNECTIONS = 4
const PROFILE = process.env.BENCH_PROFILE === '1'
const ONLY = process.env.BENCH_ONLY?.split(',')

const profileArgs = (name: string) =>
  // One directory per scenario; V8 names each thread's file, so the main thread's is the largest.
  PROFILE ? ['--cpu-prof', `--cpu-prof-dir=bench/profiles/${name.replace(/:/g, '-')}`] : []

async function httpRun(
  key: ScenarioKey,
  script: string,
  path: string,
  body: string,
  connections: number,
  messagesPerOk?: (body: string) => number,
): Promise<Sample> {
  const child = await startChild(script, { SINK_PORT: String(sinkPort), POOL_SIZE }, profileArgs(key))
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

async function clientRun(key: ScenarioKey, kind: 'mailbridge' | 'nodemailer', message: MessageName): Promise<Sample> {
  const child: BenchChild = await startChild(
    'client-alone.ts',
    { SINK_PORT: String(sinkPort), POOL_SIZE, KIND: kind, MESSAGE: message },
    profileArgs(key),
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

let sink: SmtpSink
let sinkPort = 0

async function main(): Promise<void> {
  sink = await startSmtpSink({ backlog: 1024 })
  sinkPort = sink.port
  const stopSink = () => void sink.stop().finally(() => process.exit(130))
  process.once('SIGINT', stopSink)
  try {
    await measure()
  } finally {
    process.off('SIGINT', stopSink)
    await sink.stop()
  }
}

/** The scenarios, in groups whose members alternate order round by round. */
function scenarios(): Array<Array<[ScenarioKey, () => Promise<Sample>]>> {
  const json = (m: MessageName) => JSON.stringify(MESSAGES[m])
  const batchJson = JSON.stringify(Array.from({ length: BATCH_SIZE }, () => MESSAGES.receipt))
  const countSent = (res: string) => res.split('"message_id"').length - 1
  const sendGroup = (m: MessageName): Array<[ScenarioKey, () => Promise<Sample>]> => [
    [`send:${m}:mailbridge`, () => httpRun(`send:${m}:mailbridge`, 'mailbridge.ts', '/send', json(m), CONCURRENCY)],
    [`send:${m}:reference`, () => httpRun(`send:${m}:reference`, 'reference.ts', '/send', json(m), CONCURRENCY)],
    [`echo:${m}:hono`, () => httpRun(`echo:${m}:hono`, 'hono-echo.ts', '/send', json(m), CONCURRENCY)],
  ]
  return [
    sendGroup('receipt'),
    sendGroup('text2k'),
    [
      ['client:receipt:mailbridge', () => clientRun('client:receipt:mailbridge', 'mailbridge', 'receipt')],
      ['client:receipt:nodemailer', () => clientRun('client:receipt:nodemailer', 'nodemailer', 'receipt')],
      ['client:text2k:mailbridge', () => clientRun('client:text2k:mailbridge', 'mailbridge', 'text2k')],
    ],
    [['batch:receipt:mailbridge', () => httpRun('batch:receipt:mailbridge', 'mailbridge.ts', '/send/batch', batchJson, BATCH_CONNECTIONS, countSent)]],
  ]
}

async function measure(): Promise<void> {
  const samples = new Map<ScenarioKey, Sample[]>()
  const t0 = Date.now()
  for (let round = 0; round < ROUNDS; round++) {
    for (const group of scenarios()) {
      const ordered = round % 2 ? [...group].reverse() : group
      for (const [key, run] of ordered) {
        if (ONLY && !ONLY.some((o) => key.startsWith(o))) continue
        const s = await run()
        samples.set(key, [...(samples.get(key) ?? []), s])
        console.error(
          `round ${round + 1}/${ROUNDS} ${key.padEnd(26)} ${s.msgsPerSec.toFixed(0).padStart(6)} msg/s  p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  peak RSS ${mb(s.peakRss)} MiB  sent ${s.sent}  at sink ${s.atSink}  failures ${s.failures}  ${s.seconds.toFixed(1)} s  CPU ${s.cpuUsPerMsg.toFixed(0)} us/msg`,
        )
      }
    }
  }

  const all = rows(samples)
  const flags = startScriptNodeFlags().join(' ') || 'none'
  const setup = `median of ${ROUNDS} alternating rounds; pool size ${POOL_SIZE}; HTTP concurrency ${CONCURRENCY} (batch: ${BATCH_CONNECTIONS} x ${BATCH_SIZE}); mailbridge Node flags from npm start: ${flags}`
  console.log(`\n${setup}\n`)
  console.log(table(all))
  console.log(`\n${targets(all).join('\n')}`)
  const svg = process.env.BENCH_SVG ?? (ONLY ? undefined : 'docs/performance.svg')
  if (svg && all.length > 0) {
    writeFileSync(svg, chart(all, `${setup}; Node ${process.version}`))
    console.log(`\nchart written to ${svg}`)
  }
  if (!ONLY || ONLY.includes('memory')) await memoryChecks(sink, sinkPort, POOL_SIZE)
  console.log(`\ntotal bench time ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

await main()
