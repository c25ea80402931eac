/**
 * `npm run bench:runtimes`: what the serverless builds cost, each figure beside
 * a reference measured in the same run.
 * - gzipped size of dist/worker.js (goal: under 150 KB) and of a bare Hono Worker;
 * - cold start to the first 200 from `POST /send`: Node (`npm start`'s entry) against
 *   a bare Hono app on @hono/node-server (goal: at most 1.5×, judged against
 *   aiosmtpd, which greets at once, when python3-aiosmtpd is installed; then
 *   against smtp-server, which holds its greeting back 100 ms), each beside the
 *   relay's own share (spawn → its greeting, a Node process connecting at once), workerd with
 *   dist/worker.js against a bare Hono Worker, and the Lambda handler
 *   (import → first response) against a bare Hono `handle(app)`;
 * - the peak memory of a Worker sending a 10 MiB attachment, against the
 *   128 MB limit of a Worker and a bare Hono Worker reading the same body.
 *
 * mailbridge sends to local relays requiring STARTTLS and AUTH.
 * Env: BENCH_ROUNDS (5) cold starts of each contender, alternated.
 */
import { gzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import { buildTarget } from '../test/runtime/support/build.js'
import { startScriptEntry } from '../scripts/start-flags.js'
import { relayVariables, startCountingRelay } from '../test/runtime/support/relay.js'
import { httpApiEvent } from '../test/runtime/support/lambda-runtime-api.js'
import { CA_FILE } from '../test/runtime/support/tls.js'
import { mb } from './lib/stats.js'
import { lambdaColdStarts, nodeColdStarts, relayGreetingFloor, workerdColdStarts } from './runtimes/cold-start.js'
import { workerPeakRise } from './runtimes/worker-memory.js'
import { startAiosmtpdRelay } from './runtimes/aiosmtpd.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
/** What `npm start` runs, as the build names it in its output directory (dist/start.cjs → start.cjs). */
const NODE_ENTRY = (startScriptEntry() ?? 'dist/index.js').replace(/^dist\//, '')
const API_KEY = 'bench-runtimes-key'
const MiB = 1024 * 1024
const KB = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`
const ms = (n: number) => `${n.toFixed(0)} ms`
const row = (what: string, value: string, reference: string) => console.log(`${what.padEnd(44)} ${value.padStart(10)}   ${reference}`)

const message = (attachmentBytes = 0) =>
  JSON.stringify({
    from: 'bench@example.com',
    to: 'sink@example.org',
    subject: 'Grüße — cold start',
    text: 'hello',
    ...(attachmentBytes > 0
      ? { attachments: [{ filename: 'big.bin', content: Buffer.from(new Uint8Array(attachmentBytes).map((_, i) => (i * 7919) & 0xff)).toString('base64') }] }
      : {}),
  })

const builds = await Promise.all([
  buildTarget('node'),
  buildTarget('worker'),
  buildTarget('lambda'),
  buildTarget('node', { name: 'bare', path: 'bench/servers/bare-hono-node.ts' }),
  buildTarget('worker', { name: 'bare', path: 'bench/servers/bare-hono-worker.ts' }),
  buildTarget('lambda', { name: 'bare', path: 'bench/servers/bare-hono-lambda.ts' }),
])
const [node, worker, lambda, bareNode, bareWorker, bareLambda] = builds.map((b) => b.dir) as [string, string, string, string, string, string]
const relay = await startCountingRelay()
try {
  const auth = { authorization: `Bearer ${API_KEY}` }
  const vars = { ...relayVariables(relay), API_KEYS: API_KEY }
  console.log(`mailbridge serverless builds (${ROUNDS} cold starts each, medians)\n`)

  const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length
  const size = gz(`${worker}/worker.js`)
  row('dist/worker.js gzipped', KB(size), `goal < 150 KB (${size < 150_000 ? 'met' : 'MISSED'}); bare Hono Worker ${KB(gz(`${bareWorker}/bare.js`))}`)

  // The goal is judged against a relay that greets at once: smtp-server holds its greeting back 100 ms,
  // so against it even a Node process that only connects is past 1.5x the bare app (printed below).
  const nodeRow = async (what: string, relayPort: number, relayVars: Record<string, string>, judged: boolean) => {
    const start = await nodeColdStarts(`${node}/${NODE_ENTRY}`, `${bareNode}/bare.js`, { ...relayVars, API_KEYS: API_KEY, SMTP_TLS_CA_FILE: CA_FILE }, message(), auth, ROUNDS)
    const ratio = start.mailbridge / start.reference
    const verdict = judged ? ` (goal ≤ 1.5×, ${ratio <= 1.5 ? 'met' : 'MISSED'})` : ''
    row(what, ms(start.mailbridge), `bare Hono on node-server ${ms(start.reference)}: ${ratio.toFixed(2)}×${verdict}`)
    const greeting = await relayGreetingFloor(relayPort, ROUNDS)
    row('  of which the relay: spawn → its greeting', ms(greeting), `node connecting at once, loading nothing: ${(greeting / start.reference).toFixed(2)}× the bare Hono app`)
  }
  const quick = await startAiosmtpdRelay()
  if (quick === undefined) console.log('(install python3-aiosmtpd to measure the Node cold start against a relay that greets at once, the figure the goal is judged by)')
  else {
    try {
      await nodeRow('Node: spawn → first 200, aiosmtpd relay', quick.port, relayVariables(quick), true)
    } finally {
      await quick.stop()
    }
  }
  await nodeRow('Node: same, smtp-server (greeting +100 ms)', relay.port, relayVariables(relay), quick === undefined)

  const workerdStart = await workerdColdStarts(`${worker}/worker.js`, `${bareWorker}/bare.js`, vars, message(), auth, ROUNDS)
  row('workerd: spawn → first 200 from POST /send', ms(workerdStart.mailbridge), `bare Hono Worker ${ms(workerdStart.reference)}: ${(workerdStart.mailbridge / workerdStart.reference).toFixed(2)}×`)

  const event = httpApiEvent('/send', JSON.parse(message()), auth)
  const lambdaStart = await lambdaColdStarts(`${lambda}/lambda.js`, `${bareLambda}/bare.js`, { ...vars, SMTP_TLS_CA_FILE: CA_FILE }, event, ROUNDS)
  row('Lambda: import → first response', ms(lambdaStart.mailbridge), `bare Hono handle(app) ${ms(lambdaStart.reference)}: ${(lambdaStart.mailbridge / lambdaStart.reference).toFixed(2)}×`)

  const big = message(10 * MiB)
  const bigVars = { ...vars, MAX_BODY_BYTES: String(32 * MiB) }
  const sending = await workerPeakRise(`${worker}/worker.js`, bigVars, message(), big, auth)
  if (sending.status !== 200) throw new Error(`the 10 MiB send answered ${sending.status}`)
  const reading = await workerPeakRise(`${bareWorker}/bare.js`, {}, message(), big, {})
  const rise = sending.after - sending.before
  row(
    'Worker sending a 10 MiB attachment: peak rise',
    `${mb(rise)} MB`,
    `limit 128 MB (${rise < 128 * MiB ? 'under' : 'OVER'}); bare Hono Worker reading the same ${mb(big.length)} MB body: ${mb(reading.after - reading.before)} MB`,
  )
  console.log(
    [
      '',
      "mailbridge's first 200 includes a whole SMTP session (connect, STARTTLS, AUTH, the message) that the bare Hono references do not make;",
      'smtp-server holds its greeting back 100 ms; on Node mailbridge connects before loading its modules, so the greeting and the loading overlap.',
      'on Node and Lambda it also adds the test CA of SMTP_TLS_CA_FILE to a TLS context (~1 ms; a few ms more when NODE_EXTRA_CA_CERTS names a system bundle, whose certificates beyond Node\'s roots go in too), which a relay with a public certificate does not need.',
      "peak rise: VmHWM of the whole workerd process before and after the request, an upper bound of the isolate's own use.",
    ].join('\n'),
  )
} finally {
  await relay.stop()
  for (const b of builds) b.remove()
}
