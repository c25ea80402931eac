import type { ChildProcess } from 'node:child_process'
import { useStarted } from '../../helpers/fixture.js'
import { spawnMailbridge } from './mailbridge-process.js'

/** The Node entry run from the sources (`src/runtime/node/main.ts`, as `npm run dev` does), as a child process. */
export interface EntryProcess {
  child: ChildProcess
  /** Everything written to stdout / stderr so far. */
  stdout(): string
  stderr(): string
  /** Resolves with the first stdout JSON line whose `msg` matches. */
  waitForEvent(msg: RegExp, timeoutMs?: number): Promise<Record<string, unknown>>
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>
}

/**
 * Starts `node --import tsx src/runtime/node/main.ts` with exactly the given mailbridge
 * variables (every other mailbridge variable removed from the inherited env).
 */
export function startEntry(env: Record<string, string>): EntryProcess {
  const proc = spawnMailbridge('src/runtime/node/main.ts', [], env)
  const { child } = proc
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  function waitForEvent(msg: RegExp, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (const line of proc.stdout().split('\n')) {
          if (!line.startsWith('{')) continue
          const event = JSON.parse(line) as Record<string, unknown>
          if (typeof event.msg === 'string' && msg.test(event.msg)) return done(() => resolve(event))
        }
        if (child.exitCode !== null) done(() => reject(new Error(`entry exited with ${child.exitCode}:\n${proc.stdout()}\n${proc.stderr()}`)))
      }
      const timer = setTimeout(() => done(() => reject(new Error(`no ${msg} within ${timeoutMs} ms:\n${proc.stdout()}\n${proc.stderr()}`))), timeoutMs)
      const done = (settle: () => void) => {
        clearTimeout(timer)
        stop()
        settle()
      }
      const stop = proc.onOutput(check)
      check()
    })
  }

  return { child, stdout: proc.stdout, stderr: proc.stderr, waitForEvent, exited }
}

/**
 * The real entry for the enclosing `describe`: started in `beforeAll` with the
 * variables `env()` returns (it runs after the hooks registered before this
 * call), SIGKILLed in `afterAll` if it is still running. Call the accessor
 * inside hooks and tests.
 */
export function useEntry(env: () => Record<string, string> | Promise<Record<string, string>>): () => EntryProcess {
  return useStarted(
    async () => startEntry(await env()),
    (entry) => {
      if (entry.child.exitCode === null) entry.child.kill('SIGKILL')
    },
  )
}
