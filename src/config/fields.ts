import * as z from 'zod'
import { checkAddress } from '../mail/index.js'

/**
 * zod parsers for single environment variables: each trims, treats an empty
 * value as unset, and reports a problem as one short phrase that follows the
 * variable's name ("must be …, got …"). Values of secret variables are never echoed.
 */

/** Quotes a (non-secret) bad value for an error line, shortened. */
export const shown = (v: string): string => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)

/** A trimmed optional string; empty counts as unset (as in `FOO=` lines of an env file). */
export const text = () =>
  z
    .string()
    .optional()
    .transform((v) => {
      const t = v?.trim()
      return t === undefined || t === '' ? undefined : t
    })

/** An integer in [min, max]; undefined when unset. */
export const optionalInt = (min: number, max: number) =>
  text().transform((v, ctx): number | undefined => {
    if (v === undefined) return undefined
    const n = /^\d+$/.test(v) ? Number(v) : NaN
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n
    ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}, got ${shown(v)}` })
    return z.NEVER
  })

/** An integer in [min, max] with a default. */
export const int = (min: number, max: number, fallback: number) => optionalInt(min, max).transform((n) => n ?? fallback)

export const milliseconds = (fallback: number) => int(1, 86_400_000, fallback)

const TRUE = new Set(['true', '1', 'yes', 'on'])
const FALSE = new Set(['false', '0', 'no', 'off'])

export const bool = (fallback: boolean) =>
  text().transform((v, ctx) => {
    if (v === undefined) return fallback
    const l = v.toLowerCase()
    if (TRUE.has(l)) return true
    if (FALSE.has(l)) return false
    ctx.addIssue({ code: 'custom', message: `must be true or false, got ${shown(v)}` })
    return z.NEVER
  })

/** A comma-separated list; empty entries dropped; undefined when unset. */
export const list = (check: (entry: string) => string | null, secret = false) =>
  text().transform((v, ctx) => {
    if (v === undefined) return undefined
    const entries = v.split(',').map((e) => e.trim()).filter((e) => e !== '')
    if (entries.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'is set but lists nothing; unset it or give at least one entry' })
      return z.NEVER
    }
    const out: string[] = []
    entries.forEach((entry, i) => {
      const problem = check(entry)
      if (problem === null) out.push(entry)
      else ctx.addIssue({ code: 'custom', message: `entry ${i + 1}${secret ? '' : ` ${shown(entry)}`} ${problem}` })
    })
    return out
  })

// A host name or IP literal we can bind or connect to (no scheme, path or spaces).
export const HOST_NAME = /^(?:\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[A-Za-z0-9._-]+)$/
const ADDR_SPEC = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+$/
export const CONTROL = /[\x00-\x1f\x7f]/

/**
 * An `ALLOWED_SENDERS` entry: its shape (bare address or `@domain`), then the
 * composer's own address check, so an entry no `from` could ever match
 * (`ops@a..b`, `@-x.com`) stops startup instead of never matching.
 */
export function checkSender(entry: string): string | null {
  if (entry.startsWith('@')) {
    const shape = /^@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\].]+$|^@[A-Za-z0-9-]+$/.test(entry)
    return shape && checkAddress(`postmaster${entry}`, []).ok ? null : 'is not an @domain entry'
  }
  return ADDR_SPEC.test(entry) && checkAddress(entry, []).ok ? null : 'is not an address (a@b.c) or @domain entry'
}

export function checkOrigin(entry: string): string | null {
  if (entry === '*') return 'is "*": list the allowed origins explicitly'
  let url: URL
  try {
    url = new URL(entry)
  } catch {
    return 'is not an origin like https://app.example.com'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https'
  if (url.origin.toLowerCase() !== entry.replace(/\/$/, '').toLowerCase())
    return 'must be scheme://host[:port] with no path, query or credentials'
  return null
}

export function checkApiKey(entry: string): string | null {
  return /^[\x21-\x7e]+$/.test(entry) ? null : 'contains spaces, control or non-ASCII characters'
}

/** A relay host name or IP literal (brackets stripped); no scheme or port. */
export const relayHost = () =>
  text().transform((v, ctx) => {
    if (v === undefined || HOST_NAME.test(v)) return v?.startsWith('[') ? v.slice(1, -1) : v
    ctx.addIssue({ code: 'custom', message: `must be a host name or IP address (no scheme or port), got ${shown(v)}` })
    return z.NEVER
  })
