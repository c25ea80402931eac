import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { rehearse } from '../../../src/runtime/node/rehearsal.js'
import { startRelay } from '../../helpers/smtp-server-relay.js'
import { useStarted } from '../../helpers/fixture.js'
import type { LogLine, ServiceEvent } from '../../../src/runtime/node/server.js'

/**
 * Before it writes the code cache, the build rehearses a first request: the
 * service starts on a loopback port, sends one message through `POST /send`
 * to the relay it is given, and stops.
 */
describe('rehearsing a first request for the code cache', () => {
  const relay = useStarted(() => startRelay({ authOptional: true, hideSTARTTLS: true }), (r) => r.stop())

  it('sends exactly one message through the relay and stops the service', async () => {
    const lines: (LogLine | ServiceEvent)[] = []
    await rehearse({ relay: { host: '127.0.0.1', port: relay().port }, log: (line) => lines.push(line) })
    expect(relay().received).toHaveLength(1)
    const mail = await simpleParser(relay().received[0]!.raw)
    expect(mail.subject).toBe('Grüße')
    expect(mail.html).toContain('Hello.')
    expect(lines.map((l) => ('msg' in l ? l.msg : l.status))).toEqual(expect.arrayContaining([200, 'stopped']))
  })

  it('throws, and does not exit, when the relay address is not one the configuration takes', async () => {
    await expect(rehearse({ relay: { host: 'not a host!', port: relay().port }, log: () => {} })).rejects.toThrow(/SMTP_HOST/)
    expect(relay().received).toHaveLength(1)
  })

  it('fails, naming the answer, when the send is not answered 200', async () => {
    const refusing = await startRelay({ authOptional: true, hideSTARTTLS: true, onRcptTo: (_a, _s, cb) => cb(Object.assign(new Error('no such user'), { responseCode: 550 })) })
    try {
      await expect(rehearse({ relay: { host: '127.0.0.1', port: refusing.port }, log: () => {} })).rejects.toThrow(/^the rehearsal send was answered 422: .*"code":"smtp_rejected"/)
    } finally {
      await refusing.stop()
    }
  })
})
