import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CONFIG_VARIABLES } from '../../../src/config/load.js'
import { useStarted } from '../../helpers/fixture.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The real entry (`npm start` runs `tsx src/runtime/node/main.ts`), as a child process. */
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
  const base = { ...process.env }
  for (const name of CONFIG_VARIABLES) delete base[name]
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/runtime/node/main.ts'], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const listeners = new Set<() => void>()
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d
    listeners.forEach((l) => l())
  })
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    listeners.forEach((l) => l())
    resolve(code)
  }))

  function waitForEvent(msg: RegExp, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (const line of out.split('\n')) {
          if (!line.startsWith('{')) continue
          const event = JSON.parse(line) as Record<string, unknown>
          if (typeof event.msg === 'string' && msg.test(event.msg)) return done(() => resolve(event))
        }
        if (child.exitCode !== null) done(() => reject(new Error(`entry exited with ${child.exitCode}:\n${out}\n${err}`)))
      }
      const timer = setTimeout(() => done(() => reject(new Error(`no ${msg} within ${timeoutMs} ms:\n${out}\n${err}`))), timeoutMs)
      const done = (settle: () => void) => {
        clearTimeout(timer)
        listeners.delete(check)
        settle()
      }
      listeners.add(check)
      check()
    })
  }

  return { child, stdout: () => out, stderr: () => err, waitForEvent, exited }
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
