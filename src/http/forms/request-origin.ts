import type { Context } from 'hono'

/**
 * The origin a browser says a request comes from: `Origin`, or, when it is
 * absent or `null`, the origin of `Referer`. Undefined when neither names one.
 */
export function requestOrigin(c: Context): string | undefined {
  const origin = c.req.header('origin')
  if (origin !== undefined && origin !== 'null') return origin
  const referer = c.req.header('referer')
  if (referer === undefined) return undefined
  try {
    const url = new URL(referer)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined
  } catch {
    return undefined
  }
}
