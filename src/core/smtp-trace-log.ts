import { serviceEvent, type Log } from '../http/log.js'
import type { SmtpTrace } from '../smtp/trace.js'

/**
 * The `SMTP_TRACE` sink for the connections to one server: each line is
 * logged at debug as `smtp`, naming the server (`relay`), the connection and
 * the direction. Used for the relay, the fallback relay and each MX host.
 */
export function smtpTraceLog(log: Log, relay: string): SmtpTrace {
  return (e) => log(serviceEvent('debug', 'smtp', { relay, connection: e.connection, dir: e.dir, line: e.line }))
}
