import type { AbortSource } from './types.js'

/**
 * One send's abort, cheaper than an `AbortController` for what the SMTP client
 * does with it: listeners are a plain array, called once, in the order they
 * were added, when {@link abort} runs. It is an `AbortSource`, passed as a
 * send's `signal` everywhere an `AbortSignal` may be (pool, connection, socket
 * factory). Each send gets its own.
 *
 * @example
 * ```ts
 * const abort = new SendAbort()
 * const sent = mailer.send(message, { signal: abort })
 * abort.abort(new Error('deadline passed'))
 * ```
 */
export class SendAbort implements AbortSource {
  #aborted = false
  #reason: unknown = undefined
  #listeners: Array<() => void> | undefined

  get aborted(): boolean {
    return this.#aborted
  }

  get reason(): unknown {
    return this.#reason
  }

  /** Listens once; a listener added after the abort is never called, as with an `AbortSignal`. */
  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.#aborted) return
    if (this.#listeners === undefined) this.#listeners = [listener]
    else this.#listeners.push(listener)
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const listeners = this.#listeners
    if (listeners === undefined) return
    const i = listeners.lastIndexOf(listener)
    if (i !== -1) listeners.splice(i, 1)
  }

  /** Aborts: calls every listener once. Idempotent. */
  abort(reason: unknown): void {
    if (this.#aborted) return
    this.#aborted = true
    this.#reason = reason
    // As with an EventTarget, a listener removed by an earlier one is not called.
    const listeners = this.#listeners
    if (listeners !== undefined) while (listeners.length > 0) listeners.shift()!()
    this.#listeners = undefined
  }
}
