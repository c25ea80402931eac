import type { Context } from 'hono'
import type { AppEnv, LogFields } from '../env.js'
import type { RequestLogEntry } from '../log.js'

/** A request's log entry in the making: call it once the response is ready. */
export type FinishLogEntry = () => void

/**
 * Starts `c`'s log entry (its time, and the `logFields` the handlers fill in);
 * the function returned writes it once the response is ready. Only the
 * fields of `RequestLogEntry` are logged: never headers, keys or message
 * content. A failing `log` never turns a response into an error.
 */
export function startLogEntry(c: Context<AppEnv>, log: (entry: RequestLogEntry) => void): FinishLogEntry {
  const started = performance.now()
  const time = new Date().toISOString()
  const fields: LogFields = {}
  c.set('logFields', fields)
  return () => {
    const entry: RequestLogEntry = {
      time,
      request_id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
      ...fields,
    }
    try {
      log(entry)
    } catch {
      // a failing logger must not turn a response into an error
    }
  }
}
