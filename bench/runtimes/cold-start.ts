import { startScriptNodeFlags } from '../../scripts/start-flags.js'
import { median } from '../lib/stats.js'
import { freePort } from '../../test/helpers/ports.js'
import { startRuntime } from '../../test/runtime/support/child.js'
import { startWorkerd } from '../../test/runtime/support/workerd.js'
import { msToFirst200 } from './first-200.js'

/** Cold starts of a contender and its reference, alternated round by round; medians in ms. */
export interface ColdStarts {
  mailbridge: number
  reference: number
}

/** `mailbridge` and `reference` run one after the other, `rounds` times; the medians of each. */
async function alternated(rounds: number, mailbridge: () => Promise<number>, reference: () => Promise<number>): Promise<ColdStarts> {
  const times: ColdStarts[] = []
  for (let i = 0; i < rounds; i++) times.push({ mailbridge: await mailbridge(), reference: await reference() })
  return { mailbridge: median(times.map((t) => t.mailbridge)), reference: median(times.map((t) => t.reference)) }
}

/**
 * `node <flags of npm start> <its entry>` (`mailbridgeJs`) and a bare Hono app on
 * @hono/node-server: process spawn → first 200 from `POST /send` (mailbridge's
 * includes the relay session: connect, STARTTLS, AUTH, the message).
 */
export async function nodeColdStarts(mailbridgeJs: string, referenceJs: string, env: Record<string, string>, body: string, headers: Record<string, string>, rounds: number): Promise<ColdStarts> {
  const flags = startScriptNodeFlags()
  const once = async (script: string, extra: Record<string, string>, nodeFlags: string[]) => {
    const port = await freePort()
    const since = performance.now()
    const proc = startRuntime(process.execPath, [...nodeFlags, script], { ...extra, PORT: String(port), HOST: '127.0.0.1' })
    try {
      return await msToFirst200(since, `http://127.0.0.1:${port}/send`, body, headers)
    } finally {
      await proc.stop()
    }
  }
  return alternated(rounds, () => once(mailbridgeJs, env, flags), () => once(referenceJs, {}, []))
}

/**
 * The relay's share of a cold start: spawn → the relay's greeting, for a Node
 * process that connects as its first act and loads nothing else (smtp-server
 * holds its greeting back 100 ms). mailbridge on Node connects that early too
 * (src/runtime/node/early-relay.ts), so its first 200 cannot come before this
 * plus the rest of the session (EHLO, STARTTLS, AUTH, the message).
 */
export async function relayGreetingFloor(port: number, rounds: number): Promise<number> {
  const script = `require('node:net').connect(${port}, '127.0.0.1').once('data', () => process.exit(0))`
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const since = performance.now()
    const proc = startRuntime(process.execPath, ['-e', script])
    await new Promise((resolve) => proc.child.once('exit', resolve))
    times.push(performance.now() - since)
  }
  return median(times)
}

/** workerd with dist/worker.js and with a bare Hono Worker: spawn → first 200 from `POST /send`. */
export async function workerdColdStarts(workerJs: string, referenceJs: string, vars: Record<string, string>, body: string, headers: Record<string, string>, rounds: number): Promise<ColdStarts> {
  const once = async (script: string, workerVars: Record<string, string>) => {
    const since = performance.now()
    const workerd = await startWorkerd(script, { main: { vars: workerVars } }, { waitForReady: false })
    try {
      return await msToFirst200(since, `${workerd.urls.main}/send`, body, headers)
    } finally {
      await workerd.stop()
    }
  }
  return alternated(rounds, () => once(workerJs, vars), () => once(referenceJs, {}))
}

/**
 * A Lambda handler's cold start as Lambda counts it after the runtime is up:
 * `import()` of the bundle → the first invocation's response, in a fresh Node
 * process each time.
 */
export async function lambdaColdStarts(mailbridgeJs: string, referenceJs: string, env: Record<string, string>, event: unknown, rounds: number): Promise<ColdStarts> {
  const script = `
    const since = performance.now()
    const { handler } = await import(process.env.BENCH_HANDLER)
    const result = await handler(JSON.parse(process.env.BENCH_EVENT), { awsRequestId: 'bench' })
    console.log(JSON.stringify({ ms: performance.now() - since, status: result.statusCode, body: result.statusCode === 200 ? '' : result.body }))
    process.exit(0)`
  const once = async (file: string, extra: Record<string, string>) => {
    const proc = startRuntime(process.execPath, ['--input-type=module', '-e', script], { ...extra, BENCH_HANDLER: file, BENCH_EVENT: JSON.stringify(event) })
    const line = await proc.waitForEvent((e) => typeof e.ms === 'number', 'the timing line')
    await proc.stop()
    if (line.status !== 200) throw new Error(`handler answered ${String(line.status)}: ${String(line.body)}`)
    return line.ms as number
  }
  return alternated(rounds, () => once(mailbridgeJs, env), () => once(referenceJs, {}))
}
