import { describe, expect, it } from 'vitest'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { freePort } from '../../helpers/ports.js'
import { useServer } from '../../helpers/server.js'

/** A failed send is logged with the client's own explanation on every runtime: the host and OS error an answer's detail leaves out. */
describe('a failed send on Node', () => {
  const app = useServer(async () => loadNodeConfig({ PORT: '0', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(await freePort()), SMTP_RETRY_ATTEMPTS: '1' }))

  it('logs send failed with the relay address and the OS error, beside the request line with the detail', async () => {
    const res = await fetch(`${app.server().url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }),
    })
    expect(res.status).toBe(502)
    const failed = app.log.find((l) => 'msg' in l && String(l.msg).startsWith('send failed: '))
    expect(failed).toMatchObject({ level: 'warn', error_code: 'ECONNECT', problem: 'relay_unavailable', smtp_command: 'CONNECT' })
    expect(String((failed as { msg: string }).msg)).toMatch(/^send failed: cannot connect to SMTP relay 127\.0\.0\.1:\d+: ECONNREFUSED$/)
    expect(app.log.find((l) => 'request_id' in l && l.path === '/send')).toMatchObject({ status: 502, error_code: 'relay_unavailable', error_detail: expect.stringMatching(/^The relay could not be reached/) })
  })
})
