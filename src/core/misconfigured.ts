import type { Hono } from 'hono'
import type { ConfigError } from '../config/load.js'
import { createHono } from '../http/hono-app.js'
import { PROBLEM_CONTENT_TYPE, problem, type Problem } from '../http/problem.js'

/** What a runtime without a startup (Workers, Lambda) prints where Node prints it before exiting. */
export const cannotStartMessage = (error: ConfigError): string => `mailbridge: cannot start; fix these settings:\n${error.message}`

/** The `500` body of a service whose configuration is invalid: `variables` names them, never their values. */
export type MisconfiguredProblem = Problem & { variables: string[] }

/** The problem every request gets while the configuration is invalid. */
export function misconfiguredProblem(error: ConfigError): MisconfiguredProblem {
  const variables = [...new Set(error.issues.map((i) => i.variable))]
  return {
    ...problem('internal_error', `mailbridge is not configured correctly: fix ${variables.join(', ')} (the service log says why).`),
    variables,
  }
}

/**
 * An app that answers every request `500 application/problem+json` naming the
 * variables to fix: what a runtime that cannot refuse to start (a Worker, a
 * Lambda function) serves instead of mailbridge when `loadConfig` fails.
 *
 * @example
 * ```ts
 * try { config = loadConfig(env) } catch (e) { if (e instanceof ConfigError) app = misconfiguredApp(e) }
 * ```
 */
export function misconfiguredApp(error: ConfigError): Hono {
  const body = JSON.stringify(misconfiguredProblem(error))
  const app = createHono()
  app.all('*', (c) => c.body(body, 500, { 'Content-Type': PROBLEM_CONTENT_TYPE }))
  return app
}
