import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../../src/http/log.js'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { useStarted } from '../../helpers/fixture.js'
import { useServer } from '../../helpers/server.js'
import { RELAY_PASS, RELAY_USER, startTestRelay } from '../../http/e2e/relay.js'

const CA = new URL('../../fixtures/tls/cert.pem', import.meta.url).pathname
const msgs = (log: LogLine[]) => log.map((l) => ('msg' in l ? String(l.msg) : ''))

/** At startup the relay is checked once in the background: a wrong password shows in the log before the first send, and startup never waits for it. */
describe('the startup relay check', () => {
  const relay = useStarted(startTestRelay, (r) => r.stop())
  const env = (pass: string) => ({
    PORT: '0',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(relay().port),
    SMTP_USER: RELAY_USER,
    SMTP_PASS: pass,
    SMTP_TLS_CA_FILE: CA,
  })

  describe('a relay that takes our credentials', () => {
    const app = useServer(() => loadNodeConfig(env(RELAY_PASS)))
    it('logs relay ok after listening, without sending anything', async () => {
      expect(app.server().url).toMatch(/^http:/)
      await expect.poll(() => msgs(app.log).find((m) => m.startsWith('relay ok')), { timeout: 10_000 }).toMatch(/^relay ok: 127\.0\.0\.1:\d+ answered \(starttls, AUTH\)$/)
      expect(msgs(app.log).indexOf(msgs(app.log).find((m) => m.startsWith('listening on'))!)).toBeLessThan(msgs(app.log).findIndex((m) => m.startsWith('relay ok')))
      expect(relay().received).toHaveLength(0)
    })
  })

  describe('a relay that refuses the password', () => {
    const app = useServer(() => loadNodeConfig(env('wrong-password')))
    it('starts anyway and warns with the cause, never the password', async () => {
      expect(app.server().url).toMatch(/^http:/)
      const unusable = () => app.log.find((l) => 'msg' in l && String(l.msg).includes(' is not usable: '))
      await expect.poll(unusable, { timeout: 10_000 }).toMatchObject({ level: 'warn' })
      const line = String((unusable() as { msg: string }).msg)
      expect(line).toMatch(/is not usable: The relay wants authentication or other credentials \(it answered AUTH with 535 .*check SMTP_USER, SMTP_PASS/)
      expect(JSON.stringify(app.log)).not.toContain('wrong-password')
    })
  })
})
