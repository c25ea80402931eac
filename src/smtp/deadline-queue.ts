/** A place in a {@link DeadlineQueue}; keep it to take the entry out early. */
export interface DeadlineTicket<T> {
  readonly value: T
  /** `performance.now()` at which the entry expires. */
  readonly deadline: number
  prev: DeadlineTicket<T> | undefined
  next: DeadlineTicket<T> | undefined
  /** False once the entry left the queue (shifted, removed or expired). */
  queued: boolean
}

/** Options for {@link DeadlineQueue}. */
export interface DeadlineQueueOptions<T> {
  /** How long every entry may stay, in milliseconds. */
  timeoutMs: number
  /** Called once for each entry whose time ran out, after it left the queue. */
  onExpire: (value: T) => void
  /** Clock. Default `performance.now`. */
  now?: () => number
}

/**
 * A FIFO queue whose entries all share one timeout, so they expire in the
 * order they came: one timer, armed for the oldest entry, serves them all.
 * Push, shift and removal of any entry are O(1). The timer runs only while
 * the queue holds something, and never keeps the process alive by itself.
 *
 * Used for the sends waiting for a pooled connection and for the sends in
 * flight under the retry policy's deadline.
 *
 * @example
 * ```ts
 * const waiting = new DeadlineQueue<Waiter>({ timeoutMs: 10_000, onExpire: (w) => w.reject(busy()) })
 * const ticket = waiting.push(waiter)
 * waiting.remove(ticket) // served or aborted before its time
 * ```
 */
export class DeadlineQueue<T> {
  #head: DeadlineTicket<T> | undefined
  #tail: DeadlineTicket<T> | undefined
  #size = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  readonly #timeoutMs: number
  readonly #onExpire: (value: T) => void
  readonly #now: () => number

  constructor({ timeoutMs, onExpire, now = () => performance.now() }: DeadlineQueueOptions<T>) {
    this.#timeoutMs = timeoutMs
    this.#onExpire = onExpire
    this.#now = now
  }

  /** Number of entries queued. */
  get size(): number {
    return this.#size
  }

  /** Appends `value`, expiring `timeoutMs` from now; returns its ticket for {@link remove}. */
  push(value: T): DeadlineTicket<T> {
    const ticket: DeadlineTicket<T> = { value, deadline: this.#now() + this.#timeoutMs, prev: this.#tail, next: undefined, queued: true }
    if (this.#tail) this.#tail.next = ticket
    else this.#head = ticket
    this.#tail = ticket
    this.#size++
    this.#arm()
    return ticket
  }

  /** Removes and returns the oldest entry. */
  shift(): T | undefined {
    const ticket = this.#head
    if (!ticket) return undefined
    this.remove(ticket)
    return ticket.value
  }

  /** Takes `ticket` out if still queued; returns whether it was. */
  remove(ticket: DeadlineTicket<T>): boolean {
    if (!ticket.queued) return false
    ticket.queued = false
    if (ticket.prev) ticket.prev.next = ticket.next
    else this.#head = ticket.next
    if (ticket.next) ticket.next.prev = ticket.prev
    else this.#tail = ticket.prev
    ticket.prev = ticket.next = undefined
    this.#size--
    if (this.#size === 0) this.#disarm()
    return true
  }

  /** Removes and returns every entry, oldest first, without expiring them. */
  drain(): T[] {
    const out: T[] = []
    for (let t = this.#head; t !== undefined; t = this.#head) {
      this.remove(t)
      out.push(t.value)
    }
    return out
  }

  #arm(): void {
    const head = this.#head
    if (this.#timer !== undefined || head === undefined) return
    this.#timer = setTimeout(this.#expire, Math.max(0, head.deadline - this.#now()))
    // Entries are always some other work's (a send, a connection); the timer alone keeps nothing alive.
    ;(this.#timer as { unref?: () => void }).unref?.()
  }

  #disarm(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  readonly #expire = (): void => {
    this.#timer = undefined
    const now = this.#now()
    for (let head = this.#head; head !== undefined && head.deadline <= now; head = this.#head) {
      this.remove(head)
      this.#onExpire(head.value)
    }
    this.#arm()
  }
}
