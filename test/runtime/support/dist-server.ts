import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { useStarted, useTempDir } from '../../helpers/fixture.js'
import { startRedis } from '../../helpers/redis.js'
import { buildTarget } from './build.js'
import { startRuntime, type RuntimeProcess } from './child.js'
import { ATTACHMENT, SUBJECT, expectDeliveredOnce, postJson, sendBody } from './message.js'
import { relayVariables, startCountingRelay } from './relay.js'
import { CA_FILE } from './tls.js'

/** dist/index.js started by a runtime, listening. */
export interface DistServer {
  proc: RuntimeProcess
  url: string
}

/** Starts `dist/index.js` (from `dir`) with `command args… <dir>/index.js` and waits for its "listening on" line. */
export async function startDistServer(command: string, args: string[], dir: string, env: Record<string, string>): Promise<DistServer> {
  const proc = startRuntime(command, [...args, join(dir, 'index.js')], { PORT: '0', HOST: '127.0.0.1', ...env })
  try {
    const listening = await proc.waitForEvent((e) => typeof e.msg === 'string' && e.msg.startsWith('listening on '), 'the "listening on" line')
    return { proc, url: String(listening.url) }
  } catch (e) {
    await proc.stop()
    throw e
  }
}

const API_KEY = 'dist-runtime-key'

/**
 * The tests every runtime that runs the Node build (dist/index.js) passes:
 * a relay requiring STARTTLS and AUTH, with its CA from SMTP_TLS_CA_FILE;
 * idempotency keys shared by two instances through REDIS_URL; the capture
 * relay when SMTP_HOST is unset; a graceful SIGTERM.
 */
export function describeDistServer(runtime: string, command: () => string, args: string[]): void {
  describe(`dist/index.js on ${runtime}`, () => {
    const bundle = useStarted(() => buildTarget('node'), (b) => b.remove())
    const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
    const outbox = useTempDir('mailbridge-outbox-')
    const configured = useStarted(
      () => startDistServer(command(), args, bundle().dir, { ...relayVariables(relay()), SMTP_TLS_CA_FILE: CA_FILE, API_KEYS: API_KEY }),
      (s) => s.proc.stop(),
    )
    const redis = useStarted(startRedis, (r) => r.stop())
    const twins = useStarted(
      async () => {
        const env = { ...relayVariables(relay()), SMTP_TLS_CA_FILE: CA_FILE, API_KEYS: API_KEY, REDIS_URL: redis().url }
        return Promise.all([startDistServer(command(), args, bundle().dir, env), startDistServer(command(), args, bundle().dir, env)])
      },
      async (servers) => {
        await Promise.all(servers.map((s) => s.proc.stop()))
      },
    )
    const capturing = useStarted(() => startDistServer(command(), args, bundle().dir, { OUTBOX_DIR: outbox() }), (s) => s.proc.stop())

    it('sends through a relay that requires STARTTLS and AUTH; it arrives once, with the queue id answered', async () => {
      const res = await postJson(`${configured().url}/send`, sendBody(), { apiKey: API_KEY })
      const answer = (await res.json()) as { message_id: string; queue_id: string }
      expect(res.status, JSON.stringify(answer)).toBe(200)
      expect(relay().authenticated).toBeGreaterThan(0)
      await expectDeliveredOnce(relay(), answer)
    })

    it('reuses the pooled connection for the next send', async () => {
      const sessions = relay().sessions
      const res = await postJson(`${configured().url}/send`, sendBody(), { apiKey: API_KEY })
      expect(res.status).toBe(200)
      expect(relay().sessions).toBe(sessions)
    })

    it('REDIS_URL: two instances share idempotency keys, so the same key sends once', async () => {
      const [one, two] = twins()
      const body = sendBody({ subject: 'once through Redis' })
      const headers = { 'idempotency-key': `redis-${runtime}` }
      const received = relay().received.length
      const first = await postJson(`${one.url}/send`, body, { apiKey: API_KEY, headers })
      expect(first.status).toBe(200)
      const second = await postJson(`${two.url}/send`, body, { apiKey: API_KEY, headers })
      expect(second.status).toBe(200)
      expect(second.headers.get('idempotent-replayed')).toBe('true')
      expect(relay().received.length - received).toBe(1)
      expect(one.proc.events()).toContainEqual(expect.objectContaining({ msg: 'idempotency keys and rate limits are shared through Redis' }))
    })

    it('with SMTP_HOST unset, the built-in capture relay writes the message to OUTBOX_DIR', async () => {
      const res = await postJson(`${capturing().url}/send`, sendBody())
      const answer = (await res.json()) as { message_id: string; queue_id: string }
      expect(res.status, JSON.stringify(answer)).toBe(200)
      expect(await readdir(outbox())).toContain(`${answer.queue_id}.eml`)
      const parsed = await simpleParser(await readFile(join(outbox(), `${answer.queue_id}.eml`)))
      expect(parsed.messageId).toBe(answer.message_id)
      expect(parsed.subject).toBe(SUBJECT)
      expect(new Uint8Array(parsed.attachments[0]!.content)).toEqual(ATTACHMENT)
    })

    it('stops gracefully on SIGTERM', async () => {
      const { proc } = capturing()
      proc.child.kill('SIGTERM')
      await proc.waitForEvent((e) => e.msg === 'stopped', 'the "stopped" line', 20_000)
      await expect.poll(() => proc.child.exitCode, { timeout: 20_000 }).toBe(0)
    })
  })
}
