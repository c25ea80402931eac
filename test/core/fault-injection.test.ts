import type { Server } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { createMetrics, type Metrics } from '../../src/metrics/mailbridge.js'
import { createRelayMailer } from '../../src/core/relay-mailer.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import type { Mailer } from '../../src/smtp/types.js'
import { startChaosRelay, type ChaosRelay } from './chaos-relay.js'
import { mulberry32 } from './prng.js'

/**
 * The reliability proof: a relay that drops connections before and after the
 * final dot, answers 421/451/452 and stalls, under 2,000 sends at concurrency
 * 100. Short timeouts keep it well under a minute on two cores.
 */
const SEED = Number(process.env.CHAOS_SEED ?? 20261127)
const SENDS = 2_000
const LOGICAL = 1_000
const CONCURRENCY = 100
const SEND_TIMEOUT_MS = 1_500
/** What a caller allows one request: the send deadline plus composing and HTTP. */
const HTTP_DEADLINE_MS = SEND_TIMEOUT_MS + 1_000
/** Past this a request is taken to hang, whatever the machine's load. */
const HANG_MS = 20_000

/** Every problem a send may be answered with under these faults, with its status. */
const CONTRACT: Record<string, number> = {
  relay_busy: 503,
  relay_unavailable: 502,
  relay_timeout: 504,
  delivery_unknown: 504,
}

interface Outcome {
  /** `sent`, a problem code, or what broke the contract. */
  code: string
  /** Why the response is not a contract response; undefined when it is. */
  violation?: string
  replayed: boolean
  /** Milliseconds from sending the request to reading the whole response. */
  ms: number
}

let relay: ChaosRelay
let mailer: Mailer
let metrics: Metrics
let http: Server
let base: string

beforeAll(async () => {
  relay = await startChaosRelay(SEED)
  const pool = createSmtpPool({
    host: '127.0.0.1',
    port: relay.port,
    tls: 'none',
    size: 10,
    timeouts: { connect: 250, command: 250, data: 250 },
  })
  metrics = createMetrics()
  mailer = createRelayMailer({
    primary: pool,
    attempts: 3,
    deadlineMs: SEND_TIMEOUT_MS,
    retry: { baseDelayMs: 10, maxDelayMs: 100, random: mulberry32(SEED + 1) },
    metrics,
  })
  const app = createTestApp({ mailer, metrics, log: () => {} })
  http = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
    s.once('listening', () => resolve(s))
  })
  const addr = http.address()
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => http?.close(() => resolve()))
  http?.closeAllConnections?.()
  await mailer?.close()
  await relay?.close()
})

const body = (id: string) =>
  JSON.stringify({ from: `m-${id}@example.com`, to: 'rcpt@example.org', subject: `message ${id}`, text: `logical message ${id}` })

/**
 * How late this process ran its timers, at worst, while the proof ran: the
 * time a busy machine took from it. A response may come that much after its
 * deadline without the deadline having failed; the service runs in this
 * process, so its timers were held up alike.
 */
const loopDelay = monitorEventLoopDelay({ resolution: 10 })

/** One POST /send, checked against the contract. */
async function send(id: string, key?: string): Promise<Outcome> {
  const started = performance.now()
  const outcome = await sendOnce(id, key)
  return { ...outcome, ms: Math.round(performance.now() - started) }
}

/** The responses that came after the caller's deadline, beyond what the machine's load explains. */
function late(outcomes: Outcome[]): string[] {
  const heldUpMs = loopDelay.max / 1e6
  const allowed = HTTP_DEADLINE_MS + heldUpMs
  return outcomes.filter((o) => o.ms > allowed).map((o) => `${o.code} after ${o.ms} ms (deadline ${HTTP_DEADLINE_MS} ms + ${Math.round(heldUpMs)} ms the event loop was held up)`)
}

async function sendOnce(id: string, key?: string): Promise<Omit<Outcome, 'ms'>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (key !== undefined) headers['idempotency-key'] = key
  let res: Response
  try {
    res = await fetch(`${base}/send`, { method: 'POST', headers, body: body(id), signal: AbortSignal.timeout(HANG_MS) })
  } catch (e) {
    return { code: 'no_response', violation: `no response within ${HANG_MS} ms: ${String(e)}`, replayed: false }
  }
  const text = await res.text()
  const replayed = res.headers.get('idempotent-replayed') === 'true'
  let json: Record<string, unknown>
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    return { code: `status_${res.status}`, violation: `not JSON: ${text.slice(0, 80)}`, replayed }
  }
  if (res.status === 200) {
    const ok = typeof json.message_id === 'string' && Array.isArray(json.accepted) && typeof json.smtp_response === 'string'
    return ok ? { code: 'sent', replayed } : { code: 'sent', violation: `bad 200 body ${text}`, replayed }
  }
  const code = String(json.code)
  if (res.headers.get('content-type') !== 'application/problem+json') return { code, violation: 'not problem+json', replayed }
  if (CONTRACT[code] !== res.status || json.status !== res.status) return { code, violation: `unexpected ${res.status} ${code}`, replayed }
  if (code === 'relay_busy' && res.headers.get('retry-after') === null) return { code, violation: 'relay_busy without Retry-After', replayed }
  return { code, replayed }
}

/** Runs `task(i)` for i in [0, n) with `concurrency` in flight. */
async function runAll<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(n)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < n; i = next++) results[i] = await task(i)
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return results
}

const tally = (codes: string[]) => codes.reduce<Record<string, number>>((acc, c) => ((acc[c] = (acc[c] ?? 0) + 1), acc), {})
const totalFaults = () => Object.values(relay.faults).reduce((a, b) => a + b, 0)

describe(`fault injection (seed ${SEED}): ${SENDS} sends at concurrency ${CONCURRENCY} through a relay that drops, refuses and stalls`, () => {
  it('answers every request with a contract response before its deadline; the relay kept at least every 200 and at most 200s + delivery_unknown', async () => {
    loopDelay.reset()
    loopDelay.enable()
    const outcomes = await runAll(SENDS, CONCURRENCY, (i) => send(`a${i}`))
    loopDelay.disable()
    const violations = outcomes.filter((o) => o.violation !== undefined).map((o) => o.violation)
    expect(violations).toEqual([])
    expect(late(outcomes)).toEqual([])

    const ok = outcomes.filter((o) => o.code === 'sent').length
    const unknown = outcomes.filter((o) => o.code === 'delivery_unknown').length
    let kept = 0
    const lost: string[] = []
    const extra: string[] = []
    outcomes.forEach((o, i) => {
      const n = relay.accepted.get(`a${i}`) ?? 0
      kept += n
      if (o.code === 'sent' && n !== 1) lost.push(`a${i}: 200 but kept ${n} times`)
      if (o.code === 'delivery_unknown' && n > 1) extra.push(`a${i}: kept ${n} times`)
      if (o.code !== 'sent' && o.code !== 'delivery_unknown' && n !== 0) extra.push(`a${i}: ${o.code} but kept ${n} times`)
    })
    expect(lost).toEqual([])
    expect(extra).toEqual([])
    expect(kept).toBeGreaterThanOrEqual(ok)
    expect(kept).toBeLessThanOrEqual(ok + unknown)
    // The faults really happened, and retries hid many of them.
    expect(totalFaults()).toBeGreaterThan(SENDS / 10)
    expect(metrics.retries.get({ error: 'ECONNECT' })).toBeGreaterThan(0)

    console.log(
      JSON.stringify({
        proof: 'single sends',
        seed: SEED,
        requests: SENDS,
        responses: tally(outcomes.map((o) => o.code)),
        slowest_response_ms: Math.max(...outcomes.map((o) => o.ms)),
        event_loop_held_up_ms: Math.round(loopDelay.max / 1e6),
        relay_kept: kept,
        relay_connections: relay.connections,
        faults_injected: totalFaults(),
        faults: relay.faults,
        retries: metrics.retries.get({ error: 'ECONNECT' }) + metrics.retries.get({ error: 'EENVELOPE' }) + metrics.retries.get({ error: 'ETIMEOUT' }),
        lost: lost.length,
        duplicated: extra.length,
      }),
    )
  })

  it('with a client that retries every non-200 with the same Idempotency-Key, each message is kept exactly once except those answered delivery_unknown', async () => {
    const faultsBefore = totalFaults()
    let requests = 0
    const histories = await runAll(LOGICAL, CONCURRENCY, async (i) => {
      const codes: string[] = []
      for (let attempt = 0; attempt < 40; attempt++) {
        requests++
        const o = await send(`b${i}`, `key-b${i}`)
        expect(o.violation).toBeUndefined()
        codes.push(o.code)
        if (o.code === 'sent') break
        await new Promise((r) => setTimeout(r, 5 + (i % 7) * 3))
      }
      return codes
    })

    const lost: string[] = []
    const duplicated: string[] = []
    let unknownMessages = 0
    let unknownDuplicated = 0
    histories.forEach((codes, i) => {
      const n = relay.accepted.get(`b${i}`) ?? 0
      const sawUnknown = codes.includes('delivery_unknown')
      if (codes.at(-1) !== 'sent') lost.push(`b${i}: never 200 (${codes.join(',')})`)
      else if (n === 0) lost.push(`b${i}: 200 but never kept`)
      if (sawUnknown) {
        unknownMessages++
        if (n > 1) unknownDuplicated++
      } else if (n !== 1) duplicated.push(`b${i}: kept ${n} times (${codes.join(',')})`)
    })
    expect(lost).toEqual([])
    expect(duplicated).toEqual([])

    // A repeat after the 200 is replayed from the store and never reaches the relay.
    const sample = Array.from({ length: LOGICAL / 10 }, (_, k) => k * 10)
    const keptBefore = sample.map((i) => relay.accepted.get(`b${i}`))
    const replays = await runAll(sample.length, CONCURRENCY, (k) => send(`b${sample[k]}`, `key-b${sample[k]}`))
    expect(replays.every((o) => o.code === 'sent' && o.replayed)).toBe(true)
    expect(sample.map((i) => relay.accepted.get(`b${i}`))).toEqual(keptBefore)

    console.log(
      JSON.stringify({
        proof: 'retrying client with Idempotency-Key',
        seed: SEED,
        logical_messages: LOGICAL,
        requests,
        responses: tally(histories.flat()),
        faults_injected: totalFaults() - faultsBefore,
        lost: lost.length,
        duplicated_without_delivery_unknown: duplicated.length,
        messages_answered_delivery_unknown: unknownMessages,
        of_which_kept_twice: unknownDuplicated,
        replays_checked: replays.length,
      }),
    )
  })
}, 90_000)
