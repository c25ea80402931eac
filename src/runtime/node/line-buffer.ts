/** Options for {@link createLineBuffer}. */
export interface LineBufferOptions {
  /** Writes a chunk of complete lines (each ends with `\n`). */
  write: (chunk: string) => void
  /** Runs `flush` after the current event-loop turn's work. Default `setImmediate`. */
  schedule?: (flush: () => void) => void
  /** Writes at once when this many characters are buffered. Default 65 536. */
  maxChars?: number
}

/** Lines gathered and written together. */
export interface LineBuffer {
  /** Adds one line (without its `\n`); it is written by the next flush. */
  push(line: string): void
  /** Writes every buffered line now, in order (for shutdown and `exit`). */
  flush(): void
  /** Characters buffered and not yet written. */
  readonly pending: number
}

/**
 * Gathers log lines and writes them in one call per event-loop turn instead
 * of one per line: at thousands of requests a second, a write per request
 * line is a system call per request. Lines are written whole and in the order
 * pushed; `flush()` writes what is left at once (call it on shutdown and on
 * process `exit`, or the last turn's lines are lost).
 *
 * @example
 * ```ts
 * const lines = createLineBuffer({ write: (chunk) => void process.stdout.write(chunk) })
 * lines.push(JSON.stringify({ msg: 'hello' }))
 * process.once('exit', () => lines.flush())
 * ```
 */
export function createLineBuffer({ write, schedule = (flush) => void setImmediate(flush), maxChars = 65_536 }: LineBufferOptions): LineBuffer {
  let buffered = ''
  let scheduled = false

  function flush(): void {
    if (buffered === '') return
    const chunk = buffered
    buffered = ''
    write(chunk)
  }

  function onTurn(): void {
    scheduled = false
    flush()
  }

  return {
    push(line) {
      buffered += `${line}\n`
      if (buffered.length >= maxChars) flush()
      else if (!scheduled) {
        scheduled = true
        schedule(onTurn)
      }
    },
    flush,
    get pending() {
      return buffered.length
    },
  }
}
