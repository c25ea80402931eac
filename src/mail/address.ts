/**
 * Email addresses: parse what callers write (`"a@b.c"`, `"Name <a@b.c>"`,
 * `"\"Last, First\" <a@b.c>"`, `{email, name}`), validate against RFC 5321 /
 * 5322 / 6531 limits, punycode internationalized domains portably (WHATWG
 * `URL`), and format for headers.
 */
import { MailValidationError } from './errors.js'
import type { AddressInput, MailIssue } from './types.js'
import { encodeWords } from './encoded-word.js'
import { isAddressLiteral } from './ip-literal.js'
import { isAscii, unsafeCharProblem, utf8Length } from './text-checks.js'

/** A validated mailbox. */
export interface ParsedAddress {
  /** Display name, unquoted and unescaped; `undefined` when none was given. */
  name: string | undefined
  /** Local part as written (including quotes when it is a quoted string). */
  local: string
  /** Domain as written (may be Unicode, or an address literal like `[192.0.2.1]`). */
  domain: string
  /** Domain in ASCII: punycode (`xn--…`) labels for internationalized names. */
  asciiDomain: string
  /** `local@asciiDomain`: the form used in the SMTP envelope and in headers. */
  address: string
  /** The local part is non-ASCII, so the relay must offer SMTPUTF8. */
  smtputf8: boolean
}

/** Result of checking one address: the parsed form, or the problems found. */
export type AddressCheck =
  | { ok: true; address: ParsedAddress }
  | { ok: false; issues: MailIssue[] }

const MAX_LOCAL = 64
const MAX_DOMAIN = 255
const MAX_ADDRESS = 254
const MAX_LABEL = 63

/** atext (RFC 5322 3.2.3) plus non-ASCII text (RFC 6531), without C1 control characters. */
const DOT_ATOM_LOCAL = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u00a0-\u{10ffff}]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u00a0-\u{10ffff}]+)*$/u
const LOCAL_CHAR = /[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.\u00a0-\u{10ffff}]/u
/** RFC 5321 Quoted-string (qtextSMTP / quoted-pairSMTP, plus UTF-8 per RFC 6531): no TAB, unlike RFC 5322. */
const QUOTED_LOCAL = /^"(?:[^"\\\x00-\x1f\x7f-\x9f]|\\[\x20-\x7e\u00a0-\u{10ffff}])*"$/u
const LDH_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/
const ALL_DIGITS = /^[0-9]+$/
const WHITESPACE = /\s/u
const A_LABEL = /(?:^|\.)xn--/i
const ATOM_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?: [A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/
const LOOKS_ENCODED = /=\?/
const EDGE_SPACE = /^ | $/
const IDEOGRAPHIC_STOPS = /[\u3002\uff0e\uff61]/g
const NON_LDH_ASCII = /[\x00-\x2c\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/
/** An ASCII dot-atom local part: what {@link DOT_ATOM_LOCAL} accepts without its non-ASCII range. */
const SIMPLE_LOCAL = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/
/** LDH labels of 1 to 63 characters, separated by single dots. */
const SIMPLE_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
/** More than one label, the last all digits. */
const DIGITS_TLD = /\.[0-9]+$/

/**
 * Parse and validate one address.
 *
 * @throws {MailValidationError} listing every problem, with paths relative to the address
 * @example
 * parseAddress('"Last, First" <first@bücher.de>').address // 'first@xn--bcher-kva.de'
 */
export function parseAddress(input: AddressInput): ParsedAddress {
  const r = checkAddress(input, [])
  if (!r.ok) throw new MailValidationError(r.issues)
  return r.address
}

/** Validate one address, reporting problems at `path` (and `path.email` / `path.name` for objects). */
export function checkAddress(input: unknown, path: (string | number)[]): AddressCheck {
  if (typeof input === 'string') return checkMailboxString(input, path)
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const { email, name } = input as { email?: unknown; name?: unknown }
    const issues: MailIssue[] = []
    let nameValue: string | undefined
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string') issues.push({ path: [...path, 'name'], message: 'name must be a string' })
      else {
        const p = unsafeCharProblem(name)
        if (p) issues.push({ path: [...path, 'name'], message: `display name ${p}` })
        else nameValue = name.length > 0 ? name : undefined
      }
    }
    if (typeof email !== 'string') {
      issues.push({ path: [...path, 'email'], message: 'email is required and must be a string' })
      return { ok: false, issues }
    }
    const spec = unsafeCharProblem(email) ?? checkAddrSpec(email.trim())
    if (typeof spec === 'string') {
      issues.push({ path: [...path, 'email'], message: `invalid email address ${preview(email)}: ${spec}` })
    }
    if (issues.length > 0 || typeof spec === 'string') return { ok: false, issues }
    return { ok: true, address: named(spec, nameValue) }
  }
  return { ok: false, issues: [{ path, message: 'an address must be a string or an object {email, name?}' }] }
}

function checkMailboxString(input: string, path: (string | number)[]): AddressCheck {
  const fail = (m: string): AddressCheck => ({ ok: false, issues: [{ path, message: `invalid address ${preview(input)}: ${m}` }] })
  const unsafe = unsafeCharProblem(input)
  if (unsafe) return fail(unsafe)
  const s = input.trim()
  if (s === '') return fail('it is empty')

  // Find the first '<' outside a quoted string.
  let inQuote = false
  let open = -1
  // Without quotes (the common case) two searches find it.
  const unquoted = s.indexOf('"') === -1
  if (unquoted) {
    open = s.indexOf('<')
    const close = s.indexOf('>')
    if (close !== -1 && (open === -1 || close < open)) return fail("'>' without a matching '<'")
  }
  for (let i = 0; i < s.length && !unquoted; i++) {
    const c = s[i]
    if (inQuote) {
      if (c === '\\') i++
      else if (c === '"') inQuote = false
    } else if (c === '"') inQuote = true
    else if (c === '<') {
      open = i
      break
    } else if (c === '>') return fail("'>' without a matching '<'")
  }
  if (open === -1) {
    if (inQuote) return fail('unbalanced quotes')
    const spec = checkAddrSpec(s)
    return typeof spec === 'string' ? fail(spec) : { ok: true, address: named(spec, undefined) }
  }
  if (!s.endsWith('>')) return fail("'<' without a closing '>' at the end")
  const inner = s.slice(open + 1, -1).trim()
  if (inner.includes('<') || inner.includes('>')) return fail('more than one pair of angle brackets')
  const name = decodePhrase(s.slice(0, open).trim())
  if (name === null) return fail('unbalanced quotes in the display name')
  const spec = checkAddrSpec(inner)
  if (typeof spec === 'string') return fail(spec)
  return { ok: true, address: named(spec, name === '' ? undefined : name) }
}

/** The parsed address with its display name (built field by field: a spread copies slowly). */
const named = (spec: Omit<ParsedAddress, 'name'>, name: string | undefined): ParsedAddress => ({
  name,
  local: spec.local,
  domain: spec.domain,
  asciiDomain: spec.asciiDomain,
  address: spec.address,
  smtputf8: spec.smtputf8,
})

/** The caller's text for an error message: JSON-quoted (control characters escaped), at most 80 characters. */
function preview(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s)
}

/** Unquote a display name (quoted strings and bare words); `null` when quotes are unbalanced. */
function decodePhrase(raw: string): string | null {
  if (!raw.includes('"')) return raw
  let out = ''
  let inQuote = false
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string
    if (inQuote) {
      if (c === '\\') {
        if (i + 1 >= raw.length) return null
        out += raw[++i]
      } else if (c === '"') inQuote = false
      else out += c
    } else if (c === '"') inQuote = true
    else out += c
  }
  return inQuote ? null : out
}

/**
 * Validate a bare `local@domain`; returns the parsed parts or a message.
 * Callers have already refused CR, LF, NUL and unpaired surrogates in the
 * whole input (`unsafeCharProblem`), so `spec` is not scanned for them again.
 */
function checkAddrSpec(spec: string): Omit<ParsedAddress, 'name'> | string {
  if (spec === '') return 'it is empty'
  const at = spec.lastIndexOf('@')
  if (at === -1) return "it has no '@'"
  const local = spec.slice(0, at)
  const domain = spec.slice(at + 1)
  if (local === '') return "the local part (before '@') is empty"
  if (domain === '') return "the domain (after '@') is empty"

  if (SIMPLE_LOCAL.test(local)) {
    // ASCII dot-atom (the common case): valid, and its length is its octets.
  } else if (local.startsWith('"')) {
    if (local.includes('\t')) return 'the quoted local part contains a TAB, which SMTP (RFC 5321) does not allow in an address'
    if (!QUOTED_LOCAL.test(local)) return 'the quoted local part has unbalanced quotes or a bad escape'
  } else {
    if (WHITESPACE.test(local)) return 'the local part contains a space (spaces need a quoted local part)'
    if (!DOT_ATOM_LOCAL.test(local)) {
      if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
        return "the local part has an empty dot-separated part ('.' at an end or '..')"
      }
      for (const ch of local) {
        if (!LOCAL_CHAR.test(ch)) return `the local part contains '${ch}', which is not allowed unquoted`
      }
      return 'the local part is not valid'
    }
  }
  const localOctets = utf8Length(local)
  if (localOctets > MAX_LOCAL) return `the local part is ${localOctets} octets; the limit is ${MAX_LOCAL}`

  const ascii = checkDomain(domain)
  if (ascii.error !== undefined) return ascii.error
  const asciiDomain = ascii.value
  if (asciiDomain.length > MAX_DOMAIN) return `the domain is ${asciiDomain.length} octets; the limit is ${MAX_DOMAIN}`
  const total = localOctets + 1 + asciiDomain.length
  if (total > MAX_ADDRESS) return `the address is ${total} octets; the limit is ${MAX_ADDRESS}`
  return { local, domain, asciiDomain, address: `${local}@${asciiDomain}`, smtputf8: !isAscii(local) }
}

function checkDomain(domain: string): { error: string; value?: undefined } | { error?: undefined; value: string } {
  // Letters, digits and inner hyphens in labels of 1 to 63, no A-label, no all-digit
  // top-level label (the common case): valid as written.
  if (SIMPLE_DOMAIN.test(domain) && !A_LABEL.test(domain) && !DIGITS_TLD.test(domain)) return { value: domain }
  if (domain.startsWith('[')) {
    if (isAddressLiteral(domain)) return { value: domain }
    return { error: `the domain literal ${domain} is not a valid [IPv4] or [IPv6:…] address` }
  }
  if (WHITESPACE.test(domain)) return { error: 'the domain contains a space' }
  // IDNA (UTS 46) treats these full stops as label separators too.
  const labels = domain.replace(IDEOGRAPHIC_STOPS, '.').split('.')
  if (labels.some((l) => l === '')) return { error: "the domain has an empty label ('.' at an end or '..')" }
  let ascii = domain
  // An A-label ("xn--…") must decode as Punycode to a valid IDN: URL checks it too.
  if (!isAscii(domain) || A_LABEL.test(domain)) {
    // URL would read ':' as a port, decode '%41', drop '/…': only non-ASCII may accompany LDH.
    const bad = NON_LDH_ASCII.exec(labels.join('.'))
    if (bad) return { error: `the domain contains '${bad[0]}', which is not allowed in a domain name` }
    try {
      ascii = new URL(`http://${labels.join('.')}`).hostname
    } catch {
      return { error: `the domain "${domain}" is not a valid internationalized domain name` }
    }
  }
  const asciiLabels = ascii.split('.')
  if (asciiLabels.length !== labels.length) return { error: `the domain "${domain}" is not a valid domain name` }
  for (const label of asciiLabels) {
    if (label.length > MAX_LABEL) return { error: `the domain label "${label}" is ${label.length} octets; the limit is ${MAX_LABEL}` }
    if (!LDH_LABEL.test(label)) {
      return { error: `the domain label "${label}" may only hold letters, digits and inner hyphens` }
    }
  }
  if (asciiLabels.length > 1 && ALL_DIGITS.test(asciiLabels[asciiLabels.length - 1] as string)) {
    return { error: 'the top-level domain is all digits (write an IP address as a literal like [192.0.2.1])' }
  }
  return { value: ascii }
}

/**
 * Header tokens for one mailbox (`Name <a@b.c>`), ready for folding.
 * Names are bare atoms, a quoted string, or RFC 2047 encoded-words (non-ASCII,
 * control characters, edge spaces, text that looks like an encoded-word, or a
 * quoted string too long for one line).
 */
export function mailboxTokens(a: ParsedAddress, firstWordMax?: number): string[] {
  if (a.name === undefined) return [a.address]
  return [...displayNameTokens(a.name, firstWordMax), `<${a.address}>`]
}

/** Longest token that fits a continuation line (` token` within 78). */
const LINE_ROOM = 77

function displayNameTokens(name: string, firstWordMax: number = LINE_ROOM): string[] {
  // Readers trim a quoted name, so edge spaces are kept only by encoded-words.
  if (!LOOKS_ENCODED.test(name) && !EDGE_SPACE.test(name)) {
    if (ATOM_PHRASE.test(name)) {
      const words = name.split(' ') // single spaces: each is a folding point
      if ((words[0] as string).length <= firstWordMax && words.every((w) => w.length <= LINE_ROOM)) return words
    } else if (PRINTABLE_ASCII.test(name)) {
      const quoted = `"${name.replace(/[\\"]/g, '\\$&')}"`
      if (quoted.length <= firstWordMax) return [quoted]
    }
  }
  return encodeWords(name, 'phrase', firstWordMax)
}

/**
 * Header tokens for a list of mailboxes, comma-separated.
 *
 * @param firstWordMax limit for the first encoded-word, so it fits the header's first line
 */
export function addressListTokens(list: readonly ParsedAddress[], firstWordMax?: number): string[] {
  const out: string[] = []
  list.forEach((a, i) => {
    const t = mailboxTokens(a, i === 0 ? firstWordMax : undefined)
    if (i < list.length - 1) t[t.length - 1] += ','
    out.push(...t)
  })
  return out
}
