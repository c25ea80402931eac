import type { MiddlewareHandler } from 'hono'
import { Counter, type Registry } from '../../metrics/registry.js'
import type { AppEnv } from '../env.js'

/**
 * Counts the requests each key of `MAILBRIDGE_CONFIG` made, by its name
 * (never its secret) and the answer's status, in
 * `mailbridge_key_requests_total{key,status}`. Mount before `bearerAuth`,
 * which names the key: a request without a valid key is not counted here.
 */
export function countKeys(registry: Registry): MiddlewareHandler<AppEnv> {
  const requests = registry.register(new Counter('mailbridge_key_requests_total', 'Requests made with a key of MAILBRIDGE_CONFIG, by key name and status.'))
  return async function countKeys(c, next) {
    await next()
    const key = c.get('apiKey')
    if (key) requests.inc({ key: key.name, status: String(c.res.status) })
  }
}
