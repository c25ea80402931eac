import type { ApiKeyConfig } from '../config/frontends.js'
import { failure, problem, validationFailure } from '../http/problem.js'
import type { SendBody, SendRequest } from '../http/schemas.js'
import { composable, RENDER_BUDGET_MS, type BodyHandler, type SendCaller, type SendHandler, type SendOutcome } from '../http/send-handler.js'
import { TemplateError, type CompiledTemplate } from '../mail/template-types.js'
import type { Mailer } from '../smtp/types.js'
import { disallowedRecipient, recipientPolicy } from './recipient-policy.js'
import { createTestMailer } from './test-mailer.js'

/** What a key changes in the pipeline it sends through. */
export interface PipelineOverrides {
  /** The key's `senders`, instead of `ALLOWED_SENDERS` (startup made sure they are within it). */
  allowedSenders?: readonly string[] | undefined
  /** Another mailer: the test mailer of a sandbox key. */
  mailer?: Mailer | undefined
}

/** Options for {@link createBodyHandler}. */
export interface BodyHandlerOptions {
  /** The pipeline of every body without a key of its own: `ALLOWED_SENDERS`, `DEFAULT_FROM`, limits, the relay. */
  send: SendHandler
  /** Builds the pipeline of a key that narrows its senders or never delivers. */
  pipeline: (overrides: PipelineOverrides) => SendHandler
  /** The configuration file's templates, by name, as the configuration compiled them. */
  templates?: Readonly<Record<string, CompiledTemplate>>
  /** The configuration file's keys. */
  keys?: readonly ApiKeyConfig[]
}

/** A key's send: its pipeline, its recipient rule, and whether it delivers. */
interface KeySend {
  send: SendHandler
  recipients: ((envelope: string) => boolean) | undefined
  test: boolean
}

/**
 * The body handler of `POST /send`, `/send/batch`, forms and hooks: renders
 * the body's template with its `data` (a `422` names the template and the
 * missing or bad field), holds a key's recipients to its list
 * (`403 recipient_not_allowed`), and sends through the key's pipeline. A
 * test key's answer is the live one with `test: true` and no `queue_id`.
 *
 * @example
 * ```ts
 * const handle = createBodyHandler({ send, pipeline: (o) => createSendPipeline({ ...options, ...o }), templates, keys })
 * ```
 */
export function createBodyHandler({ send, pipeline, templates = {}, keys = [] }: BodyHandlerOptions): BodyHandler {
  const compiled = new Map<string, CompiledTemplate>(Object.entries(templates))
  const testMailer = createTestMailer()
  const perKey = new Map<string, KeySend>()
  for (const key of keys) {
    const own = key.senders !== undefined || key.test
    perKey.set(key.name, {
      send: own ? pipeline({ allowedSenders: key.senders, mailer: key.test ? testMailer : undefined }) : send,
      recipients: key.recipients && recipientPolicy(key.recipients),
      test: key.test,
    })
  }

  /** The 422 of a body naming a template that is missing or cannot render with its `data`; else the request it renders to. */
  function render(body: SendBody, deadline: number): SendRequest | SendOutcome {
    const name = body.template!
    const template = compiled.get(name)
    if (!template) return validationFailure([{ path: 'template', message: `There is no template "${name}"` }])
    try {
      const { template: _t, data, ...rest } = body
      return { ...rest, ...template.render(data ?? {}, deadline) }
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e
      return validationFailure([{ path: e.field === undefined ? 'data' : `data.${e.field}`, message: e.message }])
    }
  }

  /** A test key's answer: the live one with `test: true` and no `queue_id`. */
  function asTest(outcome: SendOutcome): SendOutcome {
    if (!outcome.ok) return outcome
    const { queue_id: _q, ...answer } = outcome.body
    return { ok: true, body: { ...answer, test: true } }
  }

  // Not an async function: every check before the pipeline is synchronous, and
  // one returning the pipeline's promise would wait two more turns for it.
  function handle(body: SendBody, { key, renderDeadline }: SendCaller = {}): Promise<SendOutcome> {
    const req = composable(body) ?? render(body, renderDeadline ?? performance.now() + RENDER_BUDGET_MS)
    if ('ok' in req) return Promise.resolve(req)
    const own = key && perKey.get(key.name)
    if (!own) return send(req)
    const refused = own.recipients && disallowedRecipient(req, own.recipients)
    if (refused !== undefined) return Promise.resolve(failure(problem('recipient_not_allowed', `This key may not send to ${refused}.`)))
    // Some relays take recipients from a header (SendGrid's X-SMTPAPI): a key held to some recipients may set none.
    if (own.recipients && req.headers !== undefined && Object.keys(req.headers).length > 0) {
      return Promise.resolve(validationFailure([{ path: 'headers', message: 'A key limited to certain recipients may not set custom headers: some relays take recipients from them' }]))
    }
    return own.test ? own.send(req).then(asTest) : own.send(req)
  }

  return Object.assign(handle, { fromRequired: send.fromRequired })
}
