import * as z from 'zod'
import { shown, text } from './fields.js'
import { nameHoldsAddress, senderPolicy } from '../mail/sender-policy.js'
import { checkAddress, parseAddress } from '../mail/index.js'

/**
 * `DEFAULT_FROM`: the sender of requests without a `from`. Checked at startup
 * against what each request's `from` meets, so a bad one stops startup rather
 * than turning every such request into an error.
 */

/**
 * The `DEFAULT_FROM` field, checked by the composer's own address parser: an
 * address it refuses would otherwise start fine and turn every request
 * without a `from` into a 422.
 */
export const defaultFromField = () =>
  text().transform((v, ctx) => {
    if (v === undefined) return undefined
    const check = checkAddress(v, [])
    if (check.ok) return v
    const why = check.issues[0]?.message.replace(/^invalid address ".*?": /s, '')
    ctx.addIssue({ code: 'custom', message: `must be an address like "a@b.c" or "Name <a@b.c>", got ${shown(v)}${why ? ` (${why})` : ''}` })
    return z.NEVER
  })

/**
 * Why `ALLOWED_SENDERS` would refuse `from` on every request (`403` for its
 * address, `422` for a display name holding an address), as the end of a
 * `DEFAULT_FROM:` line; `undefined` when it passes or no list is set.
 */
export function defaultFromProblem(from: string | undefined, allowed: string[] | undefined): string | undefined {
  if (from === undefined || allowed === undefined || allowed.length === 0) return undefined
  let parsed
  try {
    parsed = parseAddress(from)
  } catch {
    return `${shown(from)} is not allowed by ALLOWED_SENDERS`
  }
  if (!senderPolicy(allowed)(parsed.address)) return `${shown(from)} is not allowed by ALLOWED_SENDERS`
  if (parsed.name !== undefined && nameHoldsAddress(parsed.name))
    return `${shown(from)} has a display name holding an address, which ALLOWED_SENDERS refuses`
  return undefined
}
