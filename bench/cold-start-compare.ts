/**
 * Compares the Node cold start of two (or more) builds of mailbridge's Node
 * entry (`dist/start.cjs`, what `npm start` runs, or `dist/index.js`)
 * and a bare Hono app on @hono/node-server, alternated start by start:
 * spawn → "listening" and spawn → first 200 from `POST /send` through a
 * STARTTLS + AUTH relay, medians and lowest quartiles. Five starts each (as
 * `npm run bench:runtimes` makes) swing by ±15 % on a busy machine; this
 * makes many more, alternated, to tell a change of a few milliseconds, and
 * each one's main-thread CPU time by the first 200, which other work on the
 * machine disturbs less than wall time.
 *
 * Usage: `tsx bench/cold-start-compare.ts OLD/start.cjs dist/start.cjs`
 * (e.g. a copy of `dist/` built before a change, and `dist/` after it).
 * Env: BENCH_ROUNDS (25) starts of each; BENCH_RELAY `aiosmtpd` (default,
 * greets at once; Debian package python3-aiosmtpd) or `smtp-server` (holds
 * its greeting back 100 ms).
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { buildTarget } from '../test/runtime/support/build.js'
import { relayVariables, startCountingRelay } from '../test/runtime/support/relay.js'
import { CA_FILE } from '../test/runtime/support/tls.js'
import { freePort } from '../test/helpers/ports.js'
import { startScriptNodeFlags } from '../scripts/start-flags.js'
import { startAiosmtpdRelay } from './runtimes/aiosmtpd.js'
import { msToFirst200 } from './runtimes/first-200.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25)
const scripts = process.argv.slice(2)
if (scripts.length === 0) throw new Error('usage: tsx bench/cold-start-compare.ts OLD/start.cjs dist/start.cjs')

const relay = process.env.BENCH_RELAY === 'smtp-server' ? await startCountingRelay() : await startAiosmtpdRelay()
if (relay === undefined) throw new Error('aiosmtpd is not installed (python3-aiosmtpd); set BENCH_RELAY=smtp-server')
const bare = await buildTarget('node', { name: 'bare', path: 'bench/servers/bare-hono-node.ts' })
const env = { ...relayVariables(relay), API_KEYS: 'compare-key', SMTP_TLS_CA_FILE: CA_FILE }
const body = JSON.stringify({ from: 'bench@example.com', to: 'sink@example.org', subject: 'Grüße — cold start', text: 'hello' })

/**
 * CPU time of a process's main thread so far, in ms (`/proc/PID/schedstat`,
 * nanoseconds on a CPU): the critical path of a cold start, which other work
 * on the machine slows down much less than it does wall time.
 */
function mainThreadCpuMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
}

/** One start: ms to the "listening" line (undefined for the bare app, which prints none), to the first 200, and the main thread's CPU ms by then. */
async function start(script: string, mailbridge: boolean): Promise<{ listening: number | undefined; first: number; cpu: number }> {
  const port = await freePort()
  const since = performance.now()
  let listening: number | undefined
  const child = spawn(process.execPath, [...(mailbridge ? startScriptNodeFlags() : []), script], {
    env: { ...process.env, ...(mailbridge ? env : {}), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  child.stdout.on('data', (chunk: Buffer) => {
    if (listening === undefined && chunk.toString().includes('listening on')) listening = performance.now() - since
  })
  try {
    const first = await msToFirst200(since, `http://127.0.0.1:${port}/send`, body, { authorization: 'Bearer compare-key' })
    return { listening, first, cpu: mainThreadCpuMs(child.pid!) }
  } finally {
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

const contenders = [...scripts.map((s) => ({ name: s, script: s, mailbridge: true })), { name: 'bare Hono on node-server', script: `${bare.dir}/bare.js`, mailbridge: false }]
const times = new Map(contenders.map((c) => [c.name, { listening: [] as number[], first: [] as number[], cpu: [] as number[] }]))
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of contenders) {
      const t = await start(c.script, c.mailbridge)
      if (t.listening !== undefined) times.get(c.name)!.listening.push(t.listening)
      times.get(c.name)!.first.push(t.first)
      times.get(c.name)!.cpu.push(t.cpu)
    }
  }
} finally {
  await relay.stop()
  bare.remove()
}

const quantile = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.floor(list.length * q)]
const ms = (n: number | undefined) => (n === undefined ? '–' : `${n.toFixed(0)} ms`)
const bareTimes = times.get('bare Hono on node-server')!
const reference = quantile(bareTimes.first, 0.5)!
const referenceCpu = quantile(bareTimes.cpu, 0.5)!
console.log(`${ROUNDS} alternated starts each, relay ${process.env.BENCH_RELAY ?? 'aiosmtpd'}: median (lowest quartile)\n`)
for (const c of contenders) {
  const t = times.get(c.name)!
  const first = quantile(t.first, 0.5)!
  const cpu = quantile(t.cpu, 0.5)!
  const ratio = c.mailbridge ? `   ${(first / reference).toFixed(2)}× the bare app` : ''
  const cpuRatio = c.mailbridge ? ` (${(cpu / referenceCpu).toFixed(2)}×)` : ''
  console.log(`${c.name}\n  spawn → listening ${ms(quantile(t.listening, 0.5))} (${ms(quantile(t.listening, 0.25))}); spawn → first 200 ${ms(first)} (${ms(quantile(t.first, 0.25))})${ratio}\n  main thread CPU by the first 200: ${ms(cpu)}${cpuRatio}`)
}
