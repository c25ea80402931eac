import { openSmtpConnection } from './connection.js'
import { DeadlineQueue, type DeadlineTicket } from './deadline-queue.js'
import { SmtpError } from './errors.js'
import { diedBeforeHandover } from './failure.js'
import type { AbortSource, Mailer, OutgoingMessage, SendOptions, SendResult, SmtpConnectionOptions } from './types.js'

/** What the pool needs from a connection; `SmtpConnection` satisfies it. */
export interface PoolConnection {
  /** False once the connection hit a connection-level error, timeout or unknown outcome. */
  readonly usable: boolean
  send(message: OutgoingMessage, options?: SendOptions): Promise<SendResult>
  /** Sends QUIT and closes; never throws. */
  quit(): Promise<unknown>
  /** Closes at once. */
  close(): unknown
}

/** Opens one relay connection (EHLO, STARTTLS, AUTH done). */
export type OpenConnection = (options: SmtpConnectionOptions, signal?: AbortSource) => Promise<PoolConnection>

export interface SmtpPoolOptions extends SmtpConnectionOptions {
  /** Most connections open at once. Default 5. */
  size?: number
  /** Messages per connection before it is QUIT and replaced. Default 100. */
  maxMessages?: number
  /** An idle connection is QUIT after this long. Default 30 000 ms. */
  idleTimeoutMs?: number
  /** Most sends waiting for a connection; beyond it a send fails at once with `EBUSY`. Default 1000. */
  maxQueue?: number
  /** Longest a send waits for a connection before failing with `EBUSY`. Default 10 000 ms. */
  queueTimeoutMs?: number
  /** Connection factory; defaults to `openSmtpConnection` (tests inject fakes). */
  openConnection?: OpenConnection
}

/** A snapshot of the pool, for metrics and tests. */
export interface PoolStats {
  /** Connections established (idle + busy), excluding ones still opening. */
  open: number
  /** Connections being opened. */
  opening: number
  /** Established connections waiting for work. */
  idle: number
  /** Established connections carrying a send. */
  inUse: number
  /** Sends waiting for a connection. */
  queued: number
  /** Connections opened since the pool was created. */
  created: number
}

/** A `Mailer` that reuses relay connections. */
export interface SmtpPool extends Mailer {
  stats(): PoolStats
  /**
   * Opens one connection ahead of the first send (greeting, EHLO, STARTTLS,
   * AUTH) and keeps it idle for the next send: a check of the relay that
   * costs nothing extra. Rejects with the connection's failure; does nothing
   * when a connection is already open or every slot is taken.
   */
  warm(): Promise<void>
}

interface Entry {
  conn: PoolConnection
  /** Sends carried so far. */
  uses: number
  idleTimer: ReturnType<typeof setTimeout> | undefined
  /** `Date.now()` when it last went idle. */
  idleSince: number
}

/** What a waiter is handed: a connection, or an empty slot to open one in. */
type Grant = Entry | null

interface Waiter {
  resolve(grant: Grant): void
  reject(err: unknown): void
  signal: AbortSource | undefined
  onAbort: (() => void) | undefined
  ticket: DeadlineTicket<Waiter> | undefined
}

/**
 * Creates a pool of reusable SMTP connections implementing `Mailer`.
 *
 * Up to `size` connections are opened on demand and reused for up to
 * `maxMessages` sends each; idle ones are QUIT after `idleTimeoutMs`. Sends that
 * find every connection busy wait in a bounded FIFO queue and fail with
 * `EBUSY` when it is full or their wait passes `queueTimeoutMs`. A connection
 * found idle for longer than `idleTimeoutMs` (its timer cannot fire while the
 * process is frozen, as a Lambda environment is between invocations) is
 * replaced rather than reused. A send on a reused connection that turns out
 * to be dead (closed, reset or answered 421 while idle) is retried once on a
 * fresh connection, but only when the message was not handed over (never
 * after the final dot, never on `EUNKNOWN_OUTCOME`).
 *
 * @example
 * ```ts
 * const pool = createSmtpPool({ host: 'relay.example.com', port: 587, size: 5 })
 * const result = await pool.send({ envelope, raw })
 * await pool.close()
 * ```
 */
export function createSmtpPool({
  size = 5,
  maxMessages = 100,
  idleTimeoutMs = 30_000,
  maxQueue = 1000,
  queueTimeoutMs = 10_000,
  openConnection = openSmtpConnection,
  ...connectionOptions
}: SmtpPoolOptions): SmtpPool {
  if (!(size >= 1)) throw new RangeError('pool size must be at least 1')
  if (!(maxMessages >= 1)) throw new RangeError('maxMessages must be at least 1')

  /** Established idle connections; the most recently used last. */
  const idle: Entry[] = []
  /** Sends waiting for a connection, oldest first; each fails with EBUSY after `queueTimeoutMs`. */
  const waiters = new DeadlineQueue<Waiter>({
    timeoutMs: queueTimeoutMs,
    onExpire: (waiter) => {
      settleWaiter(waiter)
      waiter.reject(new SmtpError('EBUSY', `Relay busy: no connection free within ${queueTimeoutMs} ms`))
    },
  })
  /** Slots taken: connections open or opening. */
  let slots = 0
  let opening = 0
  let created = 0
  let closed = false
  const quitting = new Set<Promise<unknown>>()
  let onDrained: (() => void) | undefined

  const aborted = (signal: AbortSource) => new SmtpError('EABORTED', 'Send aborted', { cause: signal.reason })
  const poolClosed = () => new SmtpError('EABORTED', 'The pool is closed')

  /** Gives a free slot to the oldest waiter, or returns it. */
  function freeSlot(): void {
    const waiter = waiters.shift()
    if (waiter) return grant(waiter, null)
    slots--
    if (onDrained && slots === idle.length) onDrained()
  }

  function grant(waiter: Waiter, g: Grant): void {
    settleWaiter(waiter)
    waiter.resolve(g)
  }

  function settleWaiter(waiter: Waiter): void {
    if (waiter.ticket) waiters.remove(waiter.ticket)
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
  }

  /** QUITs (or, when dead, closes) a connection; the caller frees its slot. */
  function retire(entry: Entry): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer)
    if (!entry.conn.usable) {
      entry.conn.close()
      return
    }
    const p = entry.conn.quit().catch(() => undefined)
    quitting.add(p)
    void p.finally(() => quitting.delete(p))
  }

  function toIdle(entry: Entry): void {
    entry.idleSince = Date.now()
    idle.push(entry)
    entry.idleTimer = setTimeout(() => {
      const i = idle.indexOf(entry)
      if (i === -1) return
      idle.splice(i, 1)
      entry.idleTimer = undefined
      retire(entry)
      freeSlot()
    }, idleTimeoutMs)
    entry.idleTimer.unref?.()
    if (onDrained && slots === idle.length) onDrained()
  }

  /** Returns a connection after a send. */
  function release(entry: Entry): void {
    if (closed || !entry.conn.usable || entry.uses >= maxMessages) {
      retire(entry)
      return freeSlot()
    }
    const waiter = waiters.shift()
    if (waiter) return grant(waiter, entry)
    toIdle(entry)
  }

  /** Opens a connection in a slot the caller already holds; frees the slot on failure. */
  async function openInSlot(signal: AbortSource | undefined): Promise<Entry> {
    opening++
    try {
      const conn = await openConnection(connectionOptions, signal)
      created++
      return { conn, uses: 0, idleTimer: undefined, idleSince: 0 }
    } catch (err) {
      freeSlot()
      throw err
    } finally {
      opening--
    }
  }

  /** Resolves with a connection (or an empty slot to open one in) for one send. */
  function acquire(signal: AbortSource | undefined): Grant | Promise<Grant> {
    if (closed) throw poolClosed()
    if (signal?.aborted) throw aborted(signal)
    const entry = idle.pop()
    if (entry) {
      clearTimeout(entry.idleTimer)
      entry.idleTimer = undefined
      // Idle past its timeout: its timer could not fire while the process was
      // frozen (a Lambda environment between invocations), and the relay may
      // have closed it since. Never hand it a message.
      if (entry.conn.usable && Date.now() - entry.idleSince < idleTimeoutMs) return entry
      retire(entry)
      return null // keep its slot and open a fresh connection in it
    }
    if (slots < size) {
      slots++
      return null
    }
    if (waiters.size >= maxQueue) {
      throw new SmtpError('EBUSY', `Relay busy: ${waiters.size} sends already waiting for a connection`)
    }
    return new Promise<Grant>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined, ticket: undefined }
      if (signal) {
        waiter.onAbort = () => {
          settleWaiter(waiter)
          reject(aborted(signal))
        }
        signal.addEventListener('abort', waiter.onAbort, { once: true })
      }
      waiter.ticket = waiters.push(waiter)
    })
  }

  /** Waits for the warm-up connection, unless `signal` aborts first (the warm-up goes on). */
  function untilWarm(warmUp: Promise<unknown>, signal: AbortSource | undefined): Promise<unknown> {
    if (!signal) return warmUp
    if (signal.aborted) return Promise.reject(aborted(signal))
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(aborted(signal))
      signal.addEventListener('abort', onAbort, { once: true })
      void warmUp.then(resolve).finally(() => signal.removeEventListener('abort', onAbort))
    })
  }

  async function send(message: OutgoingMessage, options: SendOptions = {}): Promise<SendResult> {
    const { signal } = options
    if (warming) await untilWarm(warming, signal)
    const granted = await acquire(signal)
    const first = granted ?? (await openInSlot(signal))
    let held: Entry | undefined = first
    try {
      first.uses++
      return await first.conn.send(message, options)
    } catch (err) {
      if (granted === null || closed || signal?.aborted || !diedBeforeHandover(err)) throw err
      // The reused connection was dead: drop it and retry once on a fresh one in the same slot.
      first.conn.close()
      held = undefined // openInSlot frees the slot if it fails
      const fresh = await openInSlot(signal)
      held = fresh
      fresh.uses++
      return await fresh.conn.send(message, options)
    } finally {
      if (held) release(held)
    }
  }

  let closing: Promise<void> | undefined
  /** Idempotent: every call gets the same promise. */
  function close(): Promise<void> {
    closing ??= shutDown()
    return closing
  }

  async function shutDown(): Promise<void> {
    closed = true
    for (const waiter of waiters.drain()) {
      settleWaiter(waiter)
      waiter.reject(poolClosed())
    }
    if (slots > idle.length) {
      await new Promise<void>((resolve) => {
        onDrained = resolve
      })
      onDrained = undefined
    }
    for (const entry of idle.splice(0)) {
      retire(entry)
      slots--
    }
    await Promise.all(quitting)
  }

  /** The warm-up connection being opened; sends that come meanwhile wait for it rather than open a second one. */
  let warming: Promise<unknown> | undefined

  function warm(): Promise<void> {
    if (closed) return Promise.reject(poolClosed())
    if (slots > 0) return Promise.resolve() // a connection is open, opening or busy: the relay is in use already
    slots++
    const opened = openInSlot(undefined).then(release)
    warming = opened.catch(() => undefined).finally(() => (warming = undefined))
    return opened
  }

  function stats(): PoolStats {
    const open = slots - opening
    return { open, opening, idle: idle.length, inUse: open - idle.length, queued: waiters.size, created }
  }

  return { send, close, stats, warm }
}
