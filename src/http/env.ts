import type { RequestIdVariables } from 'hono/request-id'

/** Per-request facts gathered for the log line; never secrets or content. */
export interface LogFields {
  message_id?: string
  queue_id?: string | null
  error_code?: string
  /** The problem's `detail` of a 5xx answer: what went wrong, in words an operator can act on. */
  error_detail?: string
  error_name?: string
}

/** The Hono environment of the app: context variables set by the middleware. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    logFields: LogFields
    /** The caller's API-key identity, hashed once per request (see `apiKeyIdentity`). */
    apiKeyId: Promise<string> | undefined
    /** A large request body, read whole and checked as UTF-8 by `requireUtf8` (see `readLargeBody`). */
    largeBody: Uint8Array | undefined
    /** The response is an idempotent replay (`Idempotent-Replayed: true`). */
    idempotentReplay: boolean | undefined
  }
}
