import type { AbortSource } from './types.js'

/**
 * One send's abort, cheaper than an `AbortController` for what the SMTP client
 * does with it: listeners are a plain array, called once, in the order they
 * were added, when {@link abort} runs. Its `AbortSignal` is made only when
 * something reads {@link signal} (a connection being opened, or a mailer
 * outside this client), and is aborted with it. Each send gets its own.
 *
 * @example
 * ```ts
 * const abort = new SendAbort()
 * const sent = mailer.send(message, { abort, get signal() { return abort.signal } })
 * abort.abort(new Error('deadline passed'))
 * ```
 */
export class SendAbort implements AbortSource {
  #aborted = false
  #reason: unknown = undefined
  #listeners: Array<() => void> | undefined
  #controller: AbortController | undefined

  get aborted(): boolean {
    return this.#aborted
  }

  get reason(): unknown {
    return this.#reason
  }

  /** An `AbortSignal` that aborts with this one; made on first read. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController()
      if (this.#aborted) this.#controller.abort(this.#reason)
    }
    return this.#controller.signal
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

  /** Aborts: calls every listener once, then aborts the signal if one was made. Idempotent. */
  abort(reason: unknown): void {
    if (this.#aborted) return
    this.#aborted = true
    this.#reason = reason
    // As with an EventTarget, a listener removed by an earlier one is not called.
    const listeners = this.#listeners
    if (listeners !== undefined) while (listeners.length > 0) listeners.shift()!()
    this.#listeners = undefined
    this.#controller?.abort(reason)
  }
}
