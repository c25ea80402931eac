import { hostname } from 'node:os'
import { ProblemSchema, SendResponseSchema } from '../../http/response-schemas.js'
import type { CapturedMessage } from './capture-relay.js'
import type { CliCommand } from './cli-args.js'
import { complain, say, textLog } from './cli-output.js'
import { loadConfigOrExit } from './config-or-exit.js'
import { openOneShot } from './one-shot.js'

/** What `mailbridge send` was asked to send. */
export type SendArguments = Omit<Extract<CliCommand, { name: 'send' }>, 'name'>

/**
 * `mailbridge send`: one test message through the configured relay (or the
 * capture relay when `SMTP_HOST` is unset). The message goes in as a
 * `POST /send` request to the app itself, in process, so it meets the same
 * schema, limits, sender policy, composer and relay mailer as the service's
 * callers. The relay is checked first (the connection is then used for the
 * send), so a relay nobody can use is reported with its cause — unreachable,
 * TLS, AUTH — which the problem a caller gets leaves out. Prints the queue id
 * and Message-ID, or the problem's detail. Resolves with the exit status: 0
 * sent, 1 not.
 *
 * @example
 * ```ts
 * process.exitCode = await runSend(process.env, { to: ['me@example.com'], from: undefined, subject: undefined, text: undefined })
 * ```
 */
export async function runSend(env: Record<string, string | undefined>, args: SendArguments): Promise<number> {
  const config = await loadConfigOrExit(env, 'cannot send')
  if (args.from === undefined && config.defaultFrom === undefined) {
    complain('mailbridge: send needs a sender: pass --from <address> or set DEFAULT_FROM')
    return 1
  }
  for (const warning of config.warnings) complain(`warn: ${warning}`)

  const captured: CapturedMessage[] = []
  const { mailbridge, close } = await openOneShot(config, { log: textLog, onCaptured: (m) => captured.push(m) })
  let response: Response
  try {
    // verify() has logged each relay's cause; with a fallback relay, one usable relay is enough.
    const verdicts = await mailbridge.verify()
    if (verdicts.length > 0 && !verdicts.some((v) => v.ok)) {
      complain('mailbridge: not sent: no relay is usable')
      return 1
    }
    const request = {
      ...(args.from !== undefined ? { from: args.from } : {}),
      to: args.to,
      subject: args.subject ?? 'mailbridge test message',
      text: args.text ?? `A test message sent with "mailbridge send" from ${hostname()} at ${new Date().toISOString()}.`,
    }
    // API_KEYS guards POST /send; this process holds them already, so it presents the first.
    const key = config.apiKeys?.[0]
    response = await mailbridge.app.request('/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(request),
    })
  } finally {
    await close()
  }
  const body: unknown = await response.json()

  const sent = SendResponseSchema.safeParse(body)
  if (response.ok && sent.success) {
    const { queue_id, message_id, accepted, rejected, smtp_response } = sent.data
    say(`queue id: ${queue_id ?? '(the relay named none)'}`, `message id: ${message_id}`, `accepted: ${accepted.join(', ')}`)
    for (const r of rejected) say(`rejected: ${r.email}: ${r.code} ${r.message}`)
    say(`relay answered: ${smtp_response}`)
    for (const m of captured) say(`captured, not delivered (SMTP_HOST is unset): ${m.path}`)
    return 0
  }
  const problem = ProblemSchema.safeParse(body)
  if (!problem.success) {
    complain(`mailbridge: send failed with HTTP status ${response.status}`)
    return 1
  }
  const { status, code, detail, errors = [], smtp } = problem.data
  complain(
    `mailbridge: send failed: ${status} ${code}: ${detail}`,
    ...errors.map((e) => `  ${e.path}: ${e.message}`),
    ...(smtp?.response ? [`  the relay answered ${smtp.command ?? 'the session'} with: ${smtp.response.split('\n')[0]}`] : []),
  )
  return 1
}
