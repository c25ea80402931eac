import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../helpers/fixture.js'
import { freePort } from '../../helpers/ports.js'
import { startCli } from './cli-process.js'

/** `mailbridge` and `mailbridge serve` run the service exactly as `npm start` does. */
describe('mailbridge serve', () => {
  const tmp = useTempDir('mailbridge-serve-')

  it.each([[['serve']], [[]]])('%j listens, answers /healthz and /send, and exits 0 on SIGTERM', async (args) => {
    const port = await freePort()
    const cli = startCli(args, { PORT: String(port), OUTBOX_DIR: join(tmp(), 'outbox') })
    try {
      await cli.waitForOutput(/"msg":"listening on http:\/\/127\.0\.0\.1:\d+"/)
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
      const res = await fetch(`http://127.0.0.1:${port}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'ada@example.com', to: 'bob@example.org', subject: 'serve', text: 'x' }),
      })
      expect(res.status).toBe(200)
      cli.child.kill('SIGTERM')
      const { code, stdout } = await cli.ended
      expect(code).toBe(0)
      expect(stdout).toMatch(/"msg":"SIGTERM received"/)
      expect(stdout).toMatch(/"msg":"stopped"/)
    } finally {
      cli.child.kill('SIGKILL')
    }
  })

  it('stops on bad settings with the startup message and exit 1', async () => {
    const { code, stderr, stdout } = await startCli(['serve'], { PORT: 'eighty' }).ended
    expect(code).toBe(1)
    expect(stderr).toBe('mailbridge: cannot start; fix these settings:\nPORT: must be an integer from 0 to 65535, got "eighty"\n')
    expect(stdout).not.toContain('listening')
  })
})
