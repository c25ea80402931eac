/**
 * Compares the Node cold start of two (or more) builds of `dist/index.js`
 * and a bare Hono app on @hono/node-server, alternated start by start:
 * spawn → "listening" and spawn → first 200 from `POST /send` through a
 * STARTTLS + AUTH relay, medians and lowest quartiles. Five starts each (as
 * `npm run bench:runtimes` makes) swing by ±15 % on a busy machine; this
 * makes many more, alternated, to tell a change of a few milliseconds.
 *
 * Usage: `tsx bench/cold-start-compare.ts OLD/index.js NEW/index.js`
 * (e.g. a copy of `dist/` built before a change, and `dist/` after it).
 * Env: BENCH_ROUNDS (25) starts of each; BENCH_RELAY `aiosmtpd` (default,
 * greets at once; Debian package python3-aiosmtpd) or `smtp-server` (holds
 * its greeting back 100 ms).
 */
import { spawn } from 'node:child_process'
import { buildTarget } from '../test/runtime/support/build.js'
import { relayVariables, startCountingRelay } from '../test/runtime/support/relay.js'
import { CA_FILE } from '../test/runtime/support/tls.js'
import { freePort } from '../test/helpers/ports.js'
import { startScriptNodeFlags } from '../scripts/start-flags.js'
import { startAiosmtpdRelay } from './runtimes/aiosmtpd.js'
import { msToFirst200 } from './runtimes/first-200.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25)
const scripts = process.argv.slice(2)
if (scripts.length === 0) throw new Error('usage: tsx bench/cold-start-compare.ts OLD/index.js NEW/index.js')

const relay = process.env.BENCH_RELAY === 'smtp-server' ? await startCountingRelay() : await startAiosmtpdRelay()
if (relay === undefined) throw new Error('aiosmtpd is not installed (python3-aiosmtpd); set BENCH_RELAY=smtp-server')
const bare = await buildTarget('node', { name: 'bare', path: 'bench/servers/bare-hono-node.ts' })
const env = { ...relayVariables(relay), API_KEYS: 'compare-key', SMTP_TLS_CA_FILE: CA_FILE }
const body = JSON.stringify({ from: 'bench@example.com', to: 'sink@example.org', subject: 'Grüße — cold start', text: 'hello' })

/** One start: ms to the "listening" line (undefined for the bare app, which prints none) and to the first 200. */
async function start(script: string, mailbridge: boolean): Promise<{ listening: number | undefined; first: number }> {
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
    return { listening, first }
  } finally {
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

const contenders = [...scripts.map((s) => ({ name: s, script: s, mailbridge: true })), { name: 'bare Hono on node-server', script: `${bare.dir}/bare.js`, mailbridge: false }]
const times = new Map(contenders.map((c) => [c.name, { listening: [] as number[], first: [] as number[] }]))
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of contenders) {
      const t = await start(c.script, c.mailbridge)
      if (t.listening !== undefined) times.get(c.name)!.listening.push(t.listening)
      times.get(c.name)!.first.push(t.first)
    }
  }
} finally {
  await relay.stop()
  bare.remove()
}

const quantile = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.floor(list.length * q)]
const ms = (n: number | undefined) => (n === undefined ? '–' : `${n.toFixed(0)} ms`)
const reference = quantile(times.get('bare Hono on node-server')!.first, 0.5)!
console.log(`${ROUNDS} alternated starts each, relay ${process.env.BENCH_RELAY ?? 'aiosmtpd'}: median (lowest quartile)\n`)
for (const c of contenders) {
  const t = times.get(c.name)!
  const first = quantile(t.first, 0.5)!
  const ratio = c.mailbridge ? `   ${(first / reference).toFixed(2)}× the bare app` : ''
  console.log(`${c.name}\n  spawn → listening ${ms(quantile(t.listening, 0.5))} (${ms(quantile(t.listening, 0.25))}); spawn → first 200 ${ms(first)} (${ms(quantile(t.first, 0.25))})${ratio}`)
}
