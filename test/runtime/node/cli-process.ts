import type { ChildProcess } from 'node:child_process'
import { spawnMailbridge } from './mailbridge-process.js'

/** How a `mailbridge` command ended. */
export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** A running `mailbridge` command. */
export interface CliProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves once stdout matches `pattern`; rejects when the process ends first or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>
  /** Resolves with the exit code and everything written once the process ended. */
  ended: Promise<CliResult>
}

/**
 * Starts `node --import tsx src/runtime/node/cli.ts <args>` in the repository
 * with exactly the given mailbridge variables (every other one removed from
 * the inherited environment).
 */
export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const proc = spawnMailbridge('src/runtime/node/cli.ts', args, env)
  const { child } = proc
  // 'close', not 'exit': every byte of stdout and stderr has been read by then.
  const ended = new Promise<CliResult>((resolve) => child.once('close', (code) => resolve({ code, stdout: proc.stdout(), stderr: proc.stderr() })))

  function waitForOutput(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${proc.stdout()}\n${proc.stderr()}`))), timeoutMs)
      const done = (settle: () => void) => {
        clearTimeout(timer)
        stop()
        settle()
      }
      const check = () => {
        if (pattern.test(proc.stdout())) done(resolve)
        else if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`ended before ${pattern}:\n${proc.stdout()}\n${proc.stderr()}`)))
      }
      const stop = proc.onOutput(check)
      check()
    })
  }

  return { child, stdout: proc.stdout, stderr: proc.stderr, waitForOutput, ended }
}

/**
 * Runs a `mailbridge` command to its end (SIGKILLed after `timeoutMs`, which
 * fails the test through a null exit code).
 */
export async function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliResult> {
  const cli = startCli(args, env)
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs)
  try {
    return await cli.ended
  } finally {
    clearTimeout(timer)
  }
}
