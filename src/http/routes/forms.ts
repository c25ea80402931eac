import type { Context, Hono, MiddlewareHandler } from 'hono'
import type { FormConfig } from '../../config/frontends.js'
import type { RateLimiter } from '../../store/types.js'
import type { AppEnv } from '../env.js'
import { countFormParts, MAX_FORM_PARTS } from '../forms/form-limits.js'
import { errorRedirect, formSuccess, wantsJson } from '../forms/form-answer.js'
import { formSubmission } from '../forms/form-body.js'
import { requestOrigin } from '../forms/request-origin.js'
import { limitBody } from '../middleware/body-limit.js'
import { rateLimit } from '../middleware/rate-limit.js'
import { problem, problemResponse, validationFailure, type Problem } from '../problem.js'
import type { BodyHandler } from '../send-handler.js'

/** Options for {@link registerForms}. */
export interface FormsOptions {
  forms: readonly FormConfig[]
  /** Renders the form's template and sends (the core's body handler). */
  handle: BodyHandler
  /** Largest accepted body, files included. */
  maxBodyBytes: number
  /** Makes the limiter of a form's per-client rate. */
  limiterFor: (perMinute: number) => RateLimiter
  /** The client's network address, which a form's rate limit counts by. */
  clientAddress: (c: Context<AppEnv>) => string | undefined
  onStoreError?: (err: unknown) => void
}

const FORM_TYPES = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i

/**
 * For a browser, a form's problem becomes the 303 to its `error_redirect`,
 * whichever guard or the handler answered it: the one place a form's
 * failures are turned into redirects.
 */
function browserErrors({ errorRedirect: url }: FormConfig): MiddlewareHandler<AppEnv> {
  return async function browserErrors(c, next) {
    await next()
    if (url === undefined || c.res.status < 400 || wantsJson(c)) return
    const p = (await c.res.clone().json().catch(() => undefined)) as Problem | undefined
    if (p?.code) c.res = errorRedirect(c, url, p)
  }
}

/** `Origin` (or `Referer`) must be one of the form's origins; the answer then carries CORS for it, for scripts that post it. */
function formOrigin(form: FormConfig): MiddlewareHandler<AppEnv> {
  return async function formOrigin(c, next) {
    const origin = requestOrigin(c)
    if (origin === undefined || !form.origins.includes(origin)) {
      const detail = origin === undefined ? 'The form must be posted from a page: the request has no Origin or Referer.' : `The form "${form.name}" may not be posted from ${origin}.`
      return problemResponse(c, problem('origin_not_allowed', detail))
    }
    await next()
    c.header('Vary', 'Origin', { append: true })
    if (c.req.header('origin') === origin) c.header('Access-Control-Allow-Origin', origin)
  }
}

/** A form's body must be urlencoded or multipart form data (415). */
const formContentType: MiddlewareHandler<AppEnv> = async function formContentType(c, next) {
  if (FORM_TYPES.test(c.req.header('content-type') ?? '')) return next()
  return problemResponse(c, problem('unsupported_media_type', 'A form is posted as application/x-www-form-urlencoded or multipart/form-data.'))
}

/**
 * Registers `POST /forms/{name}` for each configured form: an HTML form
 * posted by a browser without JavaScript (urlencoded, or multipart with
 * files as attachments). Guards, in order: `Origin`/`Referer` (403), the
 * form's per-client rate limit (429), content type (415), body size (413).
 * Recipients and sender come from the configuration; the fields are the
 * template's data.
 */
export function registerForms(app: Hono<AppEnv>, { forms, handle, maxBodyBytes, limiterFor, clientAddress, onStoreError }: FormsOptions): void {
  for (const form of forms) {
    const path = `/forms/${form.name}`
    const limiter = limiterFor(form.rateLimitPerMinute)
    const identify = (c: Context<AppEnv>) => `form:${form.name}:addr:${clientAddress(c) ?? 'unknown'}`
    app.post(path, browserErrors(form), formOrigin(form), rateLimit({ limiter, identify, onStoreError }), formContentType, limitBody(maxBodyBytes), async (c) => {
      let data: FormData
      try {
        const parts = countFormParts(c.req.header('content-type'), new Uint8Array(await c.req.arrayBuffer()))
        if (parts > MAX_FORM_PARTS) {
          return problemResponse(c, validationFailure([{ path: '', message: `A form may carry at most ${MAX_FORM_PARTS} fields and files` }]).problem)
        }
        data = await c.req.formData()
      } catch {
        return problemResponse(c, validationFailure([{ path: '', message: 'The form data could not be read' }]).problem)
      }
      const submission = await formSubmission(form, data)
      if (submission.kind === 'spam') return formSuccess(c, form)
      if (submission.kind === 'invalid') return problemResponse(c, validationFailure(submission.errors).problem)
      const outcome = await handle(submission.body)
      if (!outcome.ok) return problemResponse(c, outcome.problem, outcome.headers)
      const fields = c.get('logFields')
      if (fields) fields.message_id = outcome.body.message_id
      return formSuccess(c, form)
    })
  }
}
