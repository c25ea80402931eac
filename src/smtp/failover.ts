import { isUnreachable } from './failure.js'
import type { Mailer, OutgoingMessage, SendOptions, SendResult } from './types.js'

/** Options for {@link withFallback}. */
export interface FallbackOptions {
  /**
   * After the primary was found unreachable, sends go to the fallback first for
   * this long, so that each one does not pay the primary's connect timeout.
   * Default 5 000 ms.
   */
  cooldownMs?: number
  /** Called when a send moves from one relay to the other because the first was unreachable. */
  onFailover?: (from: 'primary' | 'fallback', error: unknown) => void
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number
}

/**
 * A `Mailer` over two relays (`SMTP_FALLBACK_HOST`): each send goes to the
 * primary and, only when the primary is unreachable ({@link isUnreachable}),
 * to the fallback. SMTP rejections, timeouts after the greeting and unknown
 * outcomes are never sent elsewhere. While the primary is in its cooldown the
 * order is reversed. `close()` closes both.
 *
 * @example
 * ```ts
 * const mailer = withFallback(createSmtpPool(primary), createSmtpPool(fallback))
 * ```
 */
export function withFallback(
  primary: Mailer,
  fallback: Mailer,
  { cooldownMs = 5_000, onFailover, now = Date.now }: FallbackOptions = {},
): Mailer {
  /** Until when the primary is skipped in favour of the fallback. */
  let primaryDownUntil = 0

  async function send(message: OutgoingMessage, options: SendOptions = {}): Promise<SendResult> {
    const primaryFirst = now() >= primaryDownUntil
    const [first, second] = primaryFirst ? [primary, fallback] : [fallback, primary]
    try {
      return await first.send(message, options)
    } catch (err) {
      if (!isUnreachable(err) || options.signal?.aborted) throw err
      if (primaryFirst) primaryDownUntil = now() + cooldownMs
      onFailover?.(primaryFirst ? 'primary' : 'fallback', err)
      const result = await second.send(message, options)
      if (!primaryFirst) primaryDownUntil = 0 // the primary answered again
      return result
    }
  }

  async function close(): Promise<void> {
    await Promise.all([primary.close(), fallback.close()])
  }

  return { send, close }
}
