import type { Context } from 'hono'
import type { FormConfig } from '../../config/frontends.js'
import type { AppEnv } from '../env.js'
import type { Problem } from '../problem.js'

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
 * A form's failure for a browser when the form has an `error_redirect`:
 * `303` to it with `?error=<code>`. Every other poster gets the problem itself.
 */
export function errorRedirect(c: Context<AppEnv>, errorRedirectUrl: string, p: Problem): Response {
  const fields = c.get('logFields')
  if (fields) fields.error_code = p.code
  const url = new URL(errorRedirectUrl)
  url.searchParams.set('error', p.code)
  return c.redirect(url.toString(), 303)
}
