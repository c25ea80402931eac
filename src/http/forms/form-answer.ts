import type { Context } from 'hono'
import type { FormConfig } from '../../config/frontends.js'
import type { AppEnv } from '../env.js'
import { problemResponse, type Problem } from '../problem.js'

/** The `200` body of a form posted with `Accept: application/json`. */
export interface FormAccepted {
  ok: true
}

/**
 * Whether the poster asked for JSON (a script's `fetch` with
 * `Accept: application/json`) rather than a page (a browser's own form
 * submission, whose `Accept` leads with `text/html`).
 */
export const wantsJson = (c: Context): boolean => {
  const accept = c.req.header('accept') ?? ''
  return /\bapplication\/(?:[\w.+-]*\+)?json\b/i.test(accept) && !/\btext\/html\b/i.test(accept)
}

const THANKS = '<!doctype html><meta charset="utf-8"><title>Sent</title><p>Thank you: your message was sent.</p>\n'

/**
 * A form's success: `303 See Other` to `redirect` for a browser (a page
 * without one gets a short thank-you page), `200 {"ok": true}` for a script.
 * A filled honeypot gets exactly this answer too.
 */
export function formSuccess(c: Context<AppEnv>, form: FormConfig): Response {
  if (wantsJson(c)) return c.json({ ok: true } satisfies FormAccepted, 200)
  if (form.redirect !== undefined) return c.redirect(form.redirect, 303)
  return c.html(THANKS, 200)
}

/**
 * A form's failure: the problem (`application/problem+json`), or, for a
 * browser when `error_redirect` is set, `303` to it with `?error=<code>`.
 */
export function formFailure(c: Context<AppEnv>, form: FormConfig | undefined, p: Problem, headers: Record<string, string> = {}): Response {
  if (form?.errorRedirect !== undefined && !wantsJson(c)) {
    const fields = c.get('logFields')
    if (fields) fields.error_code = p.code
    const url = new URL(form.errorRedirect)
    url.searchParams.set('error', p.code)
    return c.redirect(url.toString(), 303)
  }
  return problemResponse(c, p, headers)
}
