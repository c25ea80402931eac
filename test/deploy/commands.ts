import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { CONFIG_VARIABLES } from '../../src/config/load.js'

/** How a command ended. */
export interface Finished {
  code: number | null
  /** stdout and stderr, interleaved as they arrived. */
  output: string
  /** The command line and its output, for a failed assertion's message. */
  transcript: string
}

/**
 * The environment for commands run as an operator would run them: npm's
 * own `npm_*` variables (set when the tests run under `npm test`, and read
 * back by a nested npm as its configuration) and every mailbridge variable
 * removed, then `extra` added.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const name of Object.keys(env)) if (/^npm_/i.test(name) || name === 'INIT_CWD') delete env[name]
  for (const name of CONFIG_VARIABLES) delete env[name]
  return { ...env, ...extra }
}

/** Runs a command to its end; SIGKILLed after `timeoutMs` (the result then has a null code). */
export function run(command: string, args: string[], options: SpawnOptions & { timeoutMs?: number } = {}): Promise<Finished> {
  const { timeoutMs = 60_000, ...spawnOptions } = options
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: cleanEnv(), ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d))
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output, transcript: `$ ${command} ${args.join(' ')}\n${output}` })
    })
  })
}

/** A long-running command in its own process group, like a shell job. */
export interface Job {
  child: ChildProcess
  output(): string
  /** Resolves with the first match of `pattern` in the output; rejects when the job ends first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  /** Resolves once the job ended. */
  ended: Promise<number | null>
  /** Sends `signal` to the whole process group (npm and what it runs). */
  signal(signal: NodeJS.Signals): void
}

/** Starts a command as a {@link Job}. */
export function startJob(command: string, args: string[], options: SpawnOptions): Job {
  const child = spawn(command, args, { env: cleanEnv(), ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const listeners = new Set<() => void>()
  const append = (d: string) => {
    output += d
    listeners.forEach((l) => l())
  }
  child.stdout!.setEncoding('utf8').on('data', append)
  child.stderr!.setEncoding('utf8').on('data', append)
  const ended = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      listeners.forEach((l) => l())
      resolve(code)
    }),
  )
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s)
    } catch {
      // The group is gone already.
    }
  }

  function waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`))), timeoutMs)
      const done = (settle: () => void) => {
        clearTimeout(timer)
        listeners.delete(check)
        settle()
      }
      const check = () => {
        const match = output.match(pattern)
        if (match) done(() => resolve(match))
        else if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`ended before ${pattern}:\n${output}`)))
      }
      listeners.add(check)
      check()
    })
  }

  return { child, output: () => output, waitFor, ended, signal }
}
