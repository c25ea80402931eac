import { PROBLEM_CONTENT_TYPE } from '../problem.js'
import { ProblemSchema } from '../response-schemas.js'

/** The top of the OpenAPI document; paths and schemas come from the route descriptions. */
export const OPENAPI_OBJECT_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'mailbridge',
    version: '0.1.0',
    description:
      'HTTP-to-SMTP email API: POST JSON, get a standards-correct MIME message delivered to your relay. Errors are RFC 9457 `application/problem+json`.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: 'http://127.0.0.1:3000', description: 'A local mailbridge (`npm start`); use your deployment\'s URL.' }],
}

/**
 * Responses any route can get from the HTTP server itself, before the app
 * runs: a request whose headers or body did not arrive in time, or whose
 * headers are too large. Listed on the public routes, which have no other 4xx.
 */
export const serverResponses = {
  408: { description: 'The request did not arrive within `HTTP_HEADERS_TIMEOUT_MS` / `HTTP_REQUEST_TIMEOUT_MS`; the connection is closed.' },
  431: { description: 'The request headers are larger than the HTTP server accepts.' },
} as const

/** `security` of the routes that never ask for an API key. */
export const PUBLIC: Array<Record<string, string[]>> = []

/** The content of a problem response. */
export const problemContent = { content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } }
