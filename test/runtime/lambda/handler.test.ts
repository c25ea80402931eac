import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useStarted } from '../../helpers/fixture.js'
import { startRedis } from '../../helpers/redis.js'
import { buildTarget } from '../support/build.js'
import { ROOT, startRuntime, type RuntimeProcess } from '../support/child.js'
import { httpApiEvent, restApiEvent, startRuntimeApi, type LambdaResult, type RuntimeApi } from '../support/lambda-runtime-api.js'
import { expectDeliveredOnce, sendBody } from '../support/message.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { startTcpProxy, type SeverMode } from '../support/tcp-proxy.js'
import { CA_FILE } from '../support/tls.js'

const API_KEY = 'lambda-key'
const BOOTSTRAP = join(ROOT, 'test/runtime/lambda/bootstrap.mjs')

/** dist/lambda.js run by a Lambda runtime client (Node), talking to `api`. */
function startFunction(dir: string, api: RuntimeApi, env: Record<string, string>): RuntimeProcess {
  return startRuntime(process.execPath, [BOOTSTRAP], { ...env, AWS_LAMBDA_RUNTIME_API: api.address, _HANDLER: join(dir, 'lambda.handler') })
}

const json = (result: LambdaResult) => JSON.parse(result.body) as Record<string, unknown>

/**
 * The Lambda handler (`handle(app)` from hono/aws-lambda), bundled as
 * dist/lambda.js, invoked through the Runtime API protocol by a runtime
 * client that a test can freeze (SIGSTOP) between invocations, as Lambda
 * freezes an idle execution environment. The relay is behind a proxy that can
 * drop the pooled connection while the function is frozen.
 */
describe('dist/lambda.js: warm invocations share the relay pool', () => {
  const bundle = useStarted(() => buildTarget('lambda'), (b) => b.remove())
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
  const proxy = useStarted(() => startTcpProxy(relay().port), (p) => p.stop())
  const api = useStarted(startRuntimeApi, (a) => a.stop())
  const fn = useStarted(
    async () => startFunction(bundle().dir, api(), {
      ...relayVariables(proxy()),
      SMTP_TLS_CA_FILE: CA_FILE,
      API_KEYS: API_KEY,
      // No retries: the pool alone must find the dead connection and replace it.
      SMTP_RETRY_ATTEMPTS: '1',
    }),
    (p) => p.stop(),
  )

  const invokeSend = async (subject: string) => {
    const result = await api().invoke(httpApiEvent('/send', sendBody({ subject }), { authorization: `Bearer ${API_KEY}` }))
    expect(result.statusCode, result.body).toBe(200)
    return json(result) as { message_id: string; queue_id: string }
  }

  it('the first invocation (cold) sends through a STARTTLS + AUTH relay, on the connection opened at init: delivered once, with the queue id answered', async () => {
    fn()
    // lambda.ts connects to the relay before initialising the rest, before any invocation.
    await expect.poll(() => relay().sessions, { timeout: 10_000 }).toBe(1)
    const result = await api().invoke(httpApiEvent('/send', sendBody(), { authorization: `Bearer ${API_KEY}` }))
    expect(result.statusCode, result.body).toBe(200)
    expect(result.headers?.['content-type']).toMatch(/^application\/json/)
    await expectDeliveredOnce(relay(), json(result) as { message_id: string; queue_id: string })
    expect(relay().authenticated).toBe(1)
    // That connection is the pool's first: one session, not an unused one beside it.
    expect(relay().sessions).toBe(1)
  })

  it('a warm invocation reuses the pooled connection', async () => {
    const sessions = relay().sessions
    await invokeSend('warm')
    expect(relay().sessions).toBe(sessions)
  })

  it('a REST API (v1) event works too, and the handler answers 401 without the key', async () => {
    const result = await api().invoke(restApiEvent('POST', '/send', sendBody()))
    expect(result.statusCode).toBe(401)
    expect(result.multiValueHeaders?.['content-type']?.[0]).toBe('application/problem+json')
  })

  const severed: Array<[SeverMode, string]> = [
    ['fin', 'closed it (FIN)'],
    ['rst', 'reset it (RST)'],
    ['forget', 'forgot it silently (a reset only answers the next command)'],
  ]
  for (const [mode, what] of severed) {
    it(`the relay ${what} while the function was frozen: the next send goes out once, on a fresh connection`, async () => {
      await invokeSend(`before ${mode}`) // a pooled, idle connection
      await expect.poll(() => api().waiting, { timeout: 10_000 }).toBe(true)
      const before = { sessions: relay().sessions, received: relay().received.length }
      fn().child.kill('SIGSTOP')
      try {
        await proxy().sever(mode)
      } finally {
        fn().child.kill('SIGCONT')
      }
      const answer = await invokeSend(`after ${mode}`)
      expect(relay().received.length - before.received).toBe(1)
      expect(relay().received.at(-1)!.queueId).toBe(answer.queue_id)
      expect(relay().sessions).toBe(before.sessions + 1)
      expect(fn().stderr()).toBe('')
    })
  }
})

describe('dist/lambda.js with REDIS_URL', () => {
  const bundle = useStarted(() => buildTarget('lambda'), (b) => b.remove())
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
  const redis = useStarted(startRedis, (r) => r.stop())
  const apis = useStarted(() => Promise.all([startRuntimeApi(), startRuntimeApi()]), (a) => Promise.all(a.map((x) => x.stop())))
  const fns = useStarted(
    async () => {
      const env = { ...relayVariables(relay()), SMTP_TLS_CA_FILE: CA_FILE, API_KEYS: API_KEY, REDIS_URL: redis().url }
      return apis().map((api) => startFunction(bundle().dir, api, env))
    },
    (procs) => Promise.all(procs.map((p) => p.stop())),
  )

  it('two execution environments share idempotency keys: the same key sends once', async () => {
    fns()
    const [one, two] = apis()
    const event = httpApiEvent('/send', sendBody({ subject: 'once through Redis' }), { authorization: `Bearer ${API_KEY}`, 'idempotency-key': 'lambda-redis' })
    const first = await one!.invoke(event)
    expect(first.statusCode, first.body).toBe(200)
    const second = await two!.invoke(event)
    expect(second.statusCode).toBe(200)
    expect(second.headers?.['idempotent-replayed']).toBe('true')
    expect(second.body).toBe(first.body)
    expect(relay().received).toHaveLength(1)
  })
})

describe('dist/lambda.js with a bad configuration', () => {
  const bundle = useStarted(() => buildTarget('lambda'), (b) => b.remove())
  const api = useStarted(startRuntimeApi, (a) => a.stop())
  const fn = useStarted(async () => startFunction(bundle().dir, api(), { SMTP_PASS: 'never-shown-secret', SMTP_PORT: '0' }), (p) => p.stop())

  it('every invocation answers 500 problem+json naming the variables, and the log says what Node says', async () => {
    const result = await api().invoke(httpApiEvent('/send', sendBody()))
    expect(result.statusCode).toBe(500)
    expect(result.body).not.toContain('never-shown-secret')
    expect(json(result)).toMatchObject({ code: 'internal_error', variables: ['SMTP_HOST', 'SMTP_PORT', 'SMTP_USER', 'API_KEYS'] })
    const stderr = fn().stderr()
    expect(stderr).toContain('mailbridge: cannot start; fix these settings:\n')
    expect(stderr).toContain('SMTP_HOST: is required on Lambda: there is no built-in capture relay')
    expect(stderr).toContain('SMTP_PORT: must be an integer from 1 to 65535, got "0"')
    expect(stderr).not.toContain('never-shown-secret')
  })
})
