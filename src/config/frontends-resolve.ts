import { parseAddress, senderPolicy } from '../mail/index.js'
import { TemplateError, type CompiledTemplate, type TemplateEngine, type TemplateSource } from '../mail/template-types.js'
import { checkApiKey } from './fields.js'
import {
  DEFAULT_FORM_RATE_LIMIT, DEFAULT_HOOK_TOLERANCE_SECONDS,
  type ApiKeyConfig, type FormConfig, type FrontendsConfig, type HookConfig, type HookVerify, type KeySecret,
} from './frontends.js'
import { SECRET_REF, SHA256_REF, type FrontendsFile } from './frontends-schema.js'

/** What resolving the file needs besides the file. */
export interface ResolveContext {
  environment: Readonly<Record<string, string | undefined>>
  readFile: ((path: string) => string) | undefined
  /** Directory of the file, with a trailing `/`; undefined for inline JSON. */
  dir: string | undefined
  allowedSenders: readonly string[] | undefined
  defaultFrom: string | undefined
  /** Compiles the file's templates; undefined when the runtime gave none (then templates are a problem). */
  templateEngine: TemplateEngine | undefined
}

/** The resolved configuration (meaningful only without problems) and the problems, one line each. */
export interface Resolved {
  config: FrontendsConfig
  problems: string[]
}

/**
 * Second stage of loading the file, after its shape passed: resolves
 * `env:NAME` secrets, reads and compiles templates, and checks what refers
 * to what (forms and hooks to templates, key senders to `ALLOWED_SENDERS`,
 * browser keys to a recipient restriction).
 */
export function resolveFrontends(file: FrontendsFile, ctx: ResolveContext): Resolved {
  const problems: string[] = []
  const variables = new Set<string>()

  /** The value of an `env:NAME` reference, or undefined after reporting why not. */
  const fromVariable = (ref: string, at: string): string | undefined => {
    const name = SECRET_REF.exec(ref.trim())![1]!
    variables.add(name)
    const value = ctx.environment[name]?.trim()
    if (value === undefined || value === '') problems.push(`${at}: ${ref.trim()} is unset or empty`)
    return value === '' ? undefined : value
  }

  const allowed = ctx.allowedSenders && ctx.allowedSenders.length > 0 ? ctx.allowedSenders : undefined
  const senderAllowed = allowed && senderPolicy(allowed)
  const envelopeOf = (address: string): string | undefined => {
    try {
      return parseAddress(address).address
    } catch {
      return undefined
    }
  }
  /** A sender (`a@b.c` or `@b.c`) ALLOWED_SENDERS lets through entirely. */
  const withinAllowed = (entry: string): boolean => {
    if (!senderAllowed) return true
    if (!entry.startsWith('@')) return senderAllowed(envelopeOf(entry) ?? entry)
    const domain = envelopeOf(`postmaster${entry}`)?.split('@')[1]
    return allowed!.some((a) => a.startsWith('@') && envelopeOf(`postmaster${a}`)?.split('@')[1] === domain)
  }

  // Keys
  const keys: ApiKeyConfig[] = []
  const names = new Set<string>()
  /** Secrets seen so far, by value (or by digest for sha256: ones): two keys with one secret would let one act as the other. */
  const secrets = new Set<string>()
  file.keys.forEach((k, i) => {
    const at = `keys[${i}]`
    if (names.has(k.name)) problems.push(`${at}.name: "${k.name}" is used by another key`)
    names.add(k.name)
    const ref = k.secret.trim()
    let secret: KeySecret | undefined
    const digest = SHA256_REF.exec(ref)?.[1]
    if (digest !== undefined) secret = { sha256: digest.toLowerCase() }
    else {
      const value = fromVariable(ref, `${at}.secret`)
      const bad = value === undefined ? null : checkApiKey(value)
      if (bad !== null) problems.push(`${at}.secret: the value of ${ref} ${bad}`)
      else if (value !== undefined) secret = { value }
    }
    k.senders?.forEach((s, j) => {
      if (!withinAllowed(s)) problems.push(`${at}.senders[${j}]: "${s}" is not within ALLOWED_SENDERS, which a key can narrow but not widen`)
    })
    const same = secret && ('value' in secret ? `value:${secret.value}` : `sha256:${secret.sha256}`)
    if (same !== undefined) {
      if (secrets.has(same)) problems.push(`${at}.secret: another key has the same secret`)
      secrets.add(same)
    }
    if (k.origins && !k.recipients)
      problems.push(`${at}: a key with origins is a browser key anyone can read; give it recipients too, or it lets anyone mail anyone`)
    if (secret)
      keys.push({ name: k.name, secret, senders: k.senders, recipients: k.recipients, origins: k.origins?.map((o) => new URL(o).origin), rateLimitPerMinute: k.rate_limit_per_minute, test: k.test })
  })

  // Templates
  const engine = ctx.templateEngine
  const templates: Record<string, CompiledTemplate> = {}
  if (engine === undefined && Object.keys(file.templates).length > 0) problems.push('templates: this runtime was given no template engine')
  if (engine !== undefined) for (const [name, t] of Object.entries(file.templates)) {
    const part = (inline: string | undefined, path: string | undefined, field: string): string | undefined => {
      if (path === undefined) return inline
      const at = `templates.${name}.${field}`
      if (!ctx.readFile) {
        problems.push(`${at}: files cannot be read in this runtime; put the template inline`)
        return undefined
      }
      const full = path.startsWith('/') || ctx.dir === undefined ? path : `${ctx.dir}${path}`
      try {
        return ctx.readFile(full)
      } catch (e) {
        const code = (e as { code?: unknown }).code
        problems.push(`${at}: cannot read ${JSON.stringify(full)}${typeof code === 'string' ? ` (${code})` : ''}`)
        return undefined
      }
    }
    const source: TemplateSource = { subject: t.subject, text: part(t.text, t.text_file, 'text_file'), html: part(t.html, t.html_file, 'html_file') }
    try {
      templates[name] = engine.compile(name, source)
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e
      problems.push(`templates.${name}.${e.message}`)
    }
  }

  /** The checks forms and hooks share: the template exists, and a sender exists and is allowed. */
  const delivery = (at: string, d: { template: string; from?: string | undefined }) => {
    if (!(d.template in file.templates)) problems.push(`${at}.template: there is no template "${d.template}"`)
    const from = d.from ?? ctx.defaultFrom
    if (from === undefined) problems.push(`${at}.from: is required (no DEFAULT_FROM is set)`)
    else if (d.from !== undefined && senderAllowed && !senderAllowed(envelopeOf(from) ?? from))
      problems.push(`${at}.from: "${from}" is not allowed by ALLOWED_SENDERS`)
  }

  // Forms
  const forms: Record<string, FormConfig> = {}
  for (const [name, f] of Object.entries(file.forms)) {
    delivery(`forms.${name}`, f)
    if (f.honeypot !== undefined && f.honeypot === f.reply_to_field) problems.push(`forms.${name}.honeypot: is also the reply_to_field`)
    forms[name] = {
      name, to: f.to, from: f.from, template: f.template, origins: f.origins.map((o) => new URL(o).origin), honeypot: f.honeypot,
      replyToField: f.reply_to_field, redirect: f.redirect, errorRedirect: f.error_redirect, rateLimitPerMinute: f.rate_limit_per_minute ?? DEFAULT_FORM_RATE_LIMIT,
    }
  }

  // Hooks
  const hooks: Record<string, HookConfig> = {}
  for (const [name, h] of Object.entries(file.hooks)) {
    const at = `hooks.${name}`
    delivery(at, h)
    const secret = fromVariable(h.verify.secret, `${at}.verify.secret`) ?? ''
    let verify: HookVerify
    switch (h.verify.scheme) {
      case 'github':
        verify = { scheme: 'github', secret }
        break
      case 'standard-webhooks':
        if (secret !== '' && standardWebhooksKey(secret) === undefined)
          problems.push(`${at}.verify.secret: the value of ${h.verify.secret.trim()} is not a Standard Webhooks secret (whsec_ and base64)`)
        verify = { scheme: 'standard-webhooks', secret, toleranceSeconds: h.verify.tolerance_seconds ?? DEFAULT_HOOK_TOLERANCE_SECONDS }
        break
      case 'hmac-sha256':
        if (h.events !== undefined) problems.push(`${at}.events: an hmac-sha256 hook has no event to filter on`)
        verify = { scheme: 'hmac-sha256', secret, header: h.verify.header.toLowerCase(), encoding: h.verify.encoding, prefix: h.verify.prefix }
        break
    }
    hooks[name] = { name, verify, to: h.to, from: h.from, template: h.template, events: h.events }
  }

  return { config: { keys, templates, forms, hooks, variables: [...variables] }, problems }
}

/**
 * The key bytes of a Standard Webhooks secret (`whsec_<base64>`; the prefix
 * is optional), or undefined when it is not one.
 */
export function standardWebhooksKey(secret: string): Uint8Array | undefined {
  const b64 = secret.startsWith('whsec_') ? secret.slice(6) : secret
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return undefined
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
  return bytes.length >= 16 ? bytes : undefined
}
