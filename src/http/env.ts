import type { RequestIdVariables } from 'hono/request-id'
import type { ApiKeyConfig } from '../config/frontends.js'

/** Per-request facts gathered for the log line; never secrets or content. */
export interface LogFields {
  message_id?: string
  queue_id?: string | null
  error_code?: string
  /** The problem's `detail` of a 5xx answer: what went wrong, in words an operator can act on. */
  error_detail?: string
  error_name?: string
  /** The name of the configuration file's API key the request used. */
  key?: string
}

/** The Hono environment of the app: context variables set by the middleware. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    logFields: LogFields
    /** The caller's API-key identity, hashed once per request (see `apiKeyIdentity`). */
    apiKeyId: Promise<string> | undefined
    /** The configuration file's key the bearer token matched; undefined for an `API_KEYS` key or none. */
    apiKey: ApiKeyConfig | undefined
  }
}
