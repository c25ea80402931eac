/** One line of the request log: what happened, never who or what was sent. */
export interface RequestLogEntry {
  /** ISO 8601 time the request arrived. */
  time: string
  /** `X-Request-Id` as echoed to the caller (the caller's when well-formed, else generated). */
  request_id: string
  method: string
  path: string
  status: number
  /** Wall time from arrival to response, in milliseconds. */
  duration_ms: number
  /** Message-ID of the message sent, on success. */
  message_id?: string
  /** The relay's queue id, on success when the relay named one. */
  queue_id?: string | null
  /** The problem `code` of an error response (e.g. `relay_busy`). */
  error_code?: string
  /** The problem's `detail` of a 5xx answer: what went wrong, in words an operator can act on. */
  error_detail?: string
  /** Class name of an unexpected error behind a 500 (never its message). */
  error_name?: string
  /** The name of the configuration file's API key used (never the key). */
  key?: string
}

/** Startup, store, relay and shutdown events. Never carries secrets or message content. */
export interface ServiceEvent {
  time: string
  level: 'debug' | 'info' | 'warn' | 'error'
  msg: string
  [field: string]: unknown
}

/** A request log entry or a service event: one JSON line each. */
export type LogLine = RequestLogEntry | ServiceEvent

/**
 * Where every log line goes. One function flows from the runtime's entry
 * through the app into every middleware and store, so nothing writes to
 * stdout or stderr on its own.
 */
export type Log = (line: LogLine) => void

/** A service event stamped with the current time. */
export function serviceEvent(level: ServiceEvent['level'], msg: string, fields: Record<string, unknown> = {}): ServiceEvent {
  return { time: new Date().toISOString(), level, msg, ...fields }
}

/** The message of an error, for a log line (never its stack). */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** The default log where a runtime gives none: one JSON line per entry through `console.log`. */
export const logJsonLine: Log = (line) => {
  console.log(JSON.stringify(line))
}

/** Whether a log line is a request's entry (it has a `request_id`) rather than a service event. */
export const isRequestLogEntry = (line: LogLine): line is RequestLogEntry => typeof line.request_id === 'string' && 'status' in line
