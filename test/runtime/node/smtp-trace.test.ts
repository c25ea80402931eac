import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { useServer } from '../../helpers/server.js'

const outbox = await mkdtemp(join(tmpdir(), 'mailbridge-trace-'))
afterAll(() => rm(outbox, { recursive: true, force: true }))

describe('SMTP_TRACE=1', () => {
  const app = useServer(() => loadNodeConfig({ PORT: '0', SMTP_TRACE: '1', OUTBOX_DIR: outbox }))

  it('logs each SMTP line of a send as a JSON debug line, the content as its size', async () => {
    const res = await fetch(`${app.server().url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 'traced', text: 'not in the log' }),
    })
    expect(res.status).toBe(200)
    const smtp = app.log.filter((l) => 'msg' in l && l.msg === 'smtp')
    expect(smtp).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'debug', dir: 'out', line: 'MAIL FROM:<a@example.com>', relay: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }),
        expect.objectContaining({ dir: 'out', line: expect.stringMatching(/^\[message content: \d+ bytes\]$/) }),
        expect.objectContaining({ dir: 'in', line: expect.stringMatching(/^250 .*queued as /) }),
      ]),
    )
    expect(JSON.stringify(app.log)).not.toContain('not in the log')
  })
})

describe('without SMTP_TRACE', () => {
  const app = useServer(() => loadNodeConfig({ PORT: '0', OUTBOX_DIR: outbox }))
  it('logs no SMTP lines', async () => {
    const res = await fetch(`${app.server().url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }),
    })
    expect(res.status).toBe(200)
    expect(app.log.filter((l) => 'msg' in l && l.msg === 'smtp')).toEqual([])
  })
})
