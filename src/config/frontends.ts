import type { CompiledTemplate } from '../mail/template-types.js'

/**
 * What `MAILBRIDGE_CONFIG` holds once validated: scoped API keys, message
 * templates, HTML forms and webhooks. Secrets are resolved (`env:NAME`) and
 * template files read; nothing here is read again after startup.
 */

/** How a key's secret is known: the secret itself (from a variable), or the SHA-256 of it. */
export type KeySecret = { value: string } | { sha256: string }

/** One API key of the configuration file, with what it may do. */
export interface ApiKeyConfig {
  /** Shown in the request log instead of the secret. Letters, digits, `.`, `_`, `-`. */
  name: string
  secret: KeySecret
  /** `ALLOWED_SENDERS`-style entries `from` must match: narrows `ALLOWED_SENDERS` for this key. */
  senders?: readonly string[] | undefined
  /** Address or `@domain` entries every `to`, `cc` and `bcc` must match (`403 recipient_not_allowed` otherwise). */
  recipients?: readonly string[] | undefined
  /** A browser ("publishable") key: calls must come from one of these origins (CORS is answered for them). */
  origins?: readonly string[] | undefined
  /** Requests per minute for this key, instead of `RATE_LIMIT_PER_MINUTE`. */
  rateLimitPerMinute?: number | undefined
  /** A sandbox key: requests are validated and composed, never delivered. */
  test: boolean
}

/** An HTML form posted to `POST /forms/{name}`. */
export interface FormConfig {
  name: string
  /** Recipients, fixed here: a form never takes them from the request. */
  to: readonly string[]
  /** Sender; `DEFAULT_FROM` when unset. */
  from: string | undefined
  /** The template the fields are rendered with. */
  template: string
  /** Origins whose pages may post the form (checked against `Origin`, else `Referer`). */
  origins: readonly string[]
  /** A field hidden from people: filled in, the post is answered as a success and nothing is sent. */
  honeypot: string | undefined
  /** The field whose value becomes `Reply-To` (when it is an address). */
  replyToField: string | undefined
  /** Where a browser is sent (303) after a successful post. */
  redirect: string | undefined
  /** Where a browser is sent (303) after a failed post, with `?error=<code>`. */
  errorRedirect: string | undefined
  /** Posts per minute per client address. */
  rateLimitPerMinute: number
}

/** Signature schemes a hook can verify. */
export type HookScheme = 'github' | 'standard-webhooks' | 'hmac-sha256'

/** How a hook's sender signs its requests. */
export type HookVerify =
  | { scheme: 'github'; secret: string }
  | { scheme: 'standard-webhooks'; secret: string; toleranceSeconds: number }
  | { scheme: 'hmac-sha256'; secret: string; header: string; encoding: 'hex' | 'base64'; prefix: string }

/** A webhook received at `POST /hooks/{name}`. */
export interface HookConfig {
  name: string
  verify: HookVerify
  to: readonly string[]
  /** Sender; `DEFAULT_FROM` when unset. */
  from: string | undefined
  template: string
  /** GitHub events (`X-GitHub-Event`) that send mail; others are acknowledged and ignored. Unset: every event but `ping`. */
  events: readonly string[] | undefined
}

/** Everything `MAILBRIDGE_CONFIG` configures. */
export interface FrontendsConfig {
  keys: readonly ApiKeyConfig[]
  /** The file's templates (files read), compiled by the runtime's engine. */
  templates: Readonly<Record<string, CompiledTemplate>>
  forms: Readonly<Record<string, FormConfig>>
  hooks: Readonly<Record<string, HookConfig>>
  /** Names of the variables the file reads secrets from (`env:NAME`), so they are not reported as unknown. */
  variables: readonly string[]
}

/** Default posts per minute per client address for a form. */
export const DEFAULT_FORM_RATE_LIMIT = 10

/** Default replay window of a Standard Webhooks timestamp, in seconds. */
export const DEFAULT_HOOK_TOLERANCE_SECONDS = 300
