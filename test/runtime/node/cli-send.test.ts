import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { beforeEach, describe, expect, it } from 'vitest'
import { useStarted, useTempDir } from '../../helpers/fixture.js'
import { RELAY_PASS, RELAY_USER, smtpReply, startTestRelay } from '../../http/e2e/relay.js'
import { runCli } from './cli-process.js'

const CA = new URL('../../fixtures/tls/cert.pem', import.meta.url).pathname

/** The value after `label: ` on its own stdout line. */
const field = (stdout: string, label: string): string | undefined => stdout.match(new RegExp(`^${label}: (.*)$`, 'm'))?.[1]

/** `mailbridge send` as a child process against a real STARTTLS + AUTH relay on 127.0.0.1. */
describe('mailbridge send', () => {
  const relay = useStarted(startTestRelay, (r) => r.stop())
  const env = (extra: Record<string, string> = {}) => ({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(relay().port),
    SMTP_USER: RELAY_USER,
    SMTP_PASS: RELAY_PASS,
    SMTP_TLS_CA_FILE: CA,
    ...extra,
  })
  beforeEach(() => {
    relay().behave({})
    relay().received.length = 0
  })

  it('sends one message and prints the queue id the relay named and the Message-ID it carries', async () => {
    const result = await runCli(['send', '--to', 'bob@example.org', '--to', 'eve@example.net', '--from', 'Ada <ada@example.com>', '--subject', 'Hello ✓', '--text', 'It works.'], env())
    expect(result.code, result.stderr).toBe(0)
    expect(relay().received).toHaveLength(1)
    const [received] = relay().received
    expect(received!.from).toBe('ada@example.com')
    expect(received!.to).toEqual(['bob@example.org', 'eve@example.net'])
    expect(field(result.stdout, 'queue id')).toBe(received!.queueId)
    expect(field(result.stdout, 'accepted')).toBe('bob@example.org, eve@example.net')
    const mail = await simpleParser(received!.raw)
    expect(field(result.stdout, 'message id')).toBe(mail.messageId)
    expect(mail.subject).toBe('Hello ✓')
    expect(mail.text?.trim()).toBe('It works.')
    expect(result.stdout + result.stderr).not.toContain(RELAY_PASS)
  })

  it('takes the sender from DEFAULT_FROM, presents API_KEYS itself, and has a default subject and text', async () => {
    const result = await runCli(['send', '--to', 'bob@example.org'], env({ DEFAULT_FROM: 'App <app@example.com>', API_KEYS: 'k1,k2' }))
    expect(result.code, result.stderr).toBe(0)
    const mail = await simpleParser(relay().received[0]!.raw)
    expect(mail.from?.value).toEqual([{ address: 'app@example.com', name: 'App' }])
    expect(mail.subject).toBe('mailbridge test message')
    expect(mail.text).toMatch(/mailbridge send/)
  })

  it('needs --from or DEFAULT_FROM, and says so without connecting', async () => {
    const sessions = relay().authMethods.length
    const result = await runCli(['send', '--to', 'bob@example.org'], env())
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/send needs a sender: pass --from <address> or set DEFAULT_FROM/)
    expect(relay().authMethods.length).toBe(sessions)
  })

  it('meets the same checks as POST /send: ALLOWED_SENDERS refuses with the problem detail', async () => {
    const result = await runCli(['send', '--to', 'bob@example.org', '--from', 'ada@example.com'], env({ ALLOWED_SENDERS: '@example.org' }))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^mailbridge: send failed: 403 sender_not_allowed: The from address is not an allowed sender\.$/m)
    expect(relay().received).toHaveLength(0)
  })

  it('lists each invalid field of a message it cannot compose', async () => {
    const result = await runCli(['send', '--to', 'bad@@example.org', '--from', 'ada@example.com'], env())
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^mailbridge: send failed: 422 validation_error: /m)
    expect(result.stderr).toMatch(/^ {2}to\.0: Invalid address "bad@@example\.org"/m)
  })

  it('exits 1 with the relay\'s answer when it refuses the recipient', async () => {
    relay().behave({ onRcpt: () => smtpReply(550, 'No such user here') })
    const result = await runCli(['send', '--to', 'nobody@example.org', '--from', 'ada@example.com'], env())
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^mailbridge: send failed: 422 smtp_rejected: The relay refused every recipient\.$/m)
    expect(result.stderr).toMatch(/the relay answered RCPT with: 550 [\d.]* ?No such user here$/m)
    expect(result.stdout).not.toMatch(/queue id/)
  })

  it('exits 1 with the cause, not the password, when the relay refuses the credentials, and sends nothing', async () => {
    const result = await runCli(['send', '--to', 'bob@example.org', '--from', 'ada@example.com'], env({ SMTP_PASS: 'wrong-password' }))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/is not usable: The relay wants authentication .*535/)
    expect(result.stderr).toMatch(/^mailbridge: not sent: no relay is usable$/m)
    expect(result.stdout + result.stderr).not.toContain('wrong-password')
    expect(relay().received).toHaveLength(0)
  })

  it('exits 1 with the startup message for bad settings', async () => {
    const result = await runCli(['send', '--to', 'bob@example.org', '--from', 'ada@example.com'], env({ SMTP_TLS: 'ssl' }))
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('mailbridge: cannot send; fix these settings:\nSMTP_TLS: must be starttls, implicit or none, got "ssl"\n')
  })

  describe('with SMTP_HOST unset', () => {
    const tmp = useTempDir('mailbridge-send-')
    it('writes the message to OUTBOX_DIR through the capture relay and prints where', async () => {
      const outbox = join(tmp(), 'outbox')
      const result = await runCli(['send', '--to', 'bob@example.org', '--from', 'ada@example.com', '--subject', 'Captured'], { OUTBOX_DIR: outbox })
      expect(result.code, result.stderr).toBe(0)
      const queueId = field(result.stdout, 'queue id')
      expect(queueId).toMatch(/^[A-Z2-9]{12}$/)
      const path = join(outbox, `${queueId}.eml`)
      expect(field(result.stdout, 'captured, not delivered \\(SMTP_HOST is unset\\)')).toBe(path)
      const mail = await simpleParser(await readFile(path))
      expect(mail.subject).toBe('Captured')
      expect(field(result.stdout, 'message id')).toBe(mail.messageId)
    })
  })
})
