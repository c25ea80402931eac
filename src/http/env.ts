import type { RequestIdVariables } from 'hono/request-id'
import type { ApiKeyConfig } from '../config/frontends.js'
import type { RequestLogEntry } from './log.js'

/** Per-request facts gathered for the log line (the request's parts of a `RequestLogEntry`); never secrets or content. */
export type LogFields = Pick<RequestLogEntry, 'message_id' | 'queue_id' | 'error_code' | 'error_detail' | 'error_name' | 'key'>

/** The Hono environment of the app: context variables set by the middleware. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    logFields: LogFields
    /** The caller's API-key identity, hashed once per request (see `apiKeyIdentity`). */
    apiKeyId: Promise<string> | undefined
    /** The configuration file's key the bearer token matched; undefined for an `API_KEYS` key or none. */
    apiKey: ApiKeyConfig | undefined
    /** A large request body, read whole and checked as UTF-8 by `requireUtf8` (see `readLargeBody`). */
    largeBody: Uint8Array | undefined
    /** The response is an idempotent replay (`Idempotent-Replayed: true`). */
    idempotentReplay: boolean | undefined
  }
}
