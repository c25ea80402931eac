import type { ChildProcess } from 'node:child_process'
import { startRuntime } from '../support/child.js'

/** A mailbridge script running as a child process, its output collected as it comes. */
export interface MailbridgeProcess {
  child: ChildProcess
  /** Everything written to stdout / stderr so far. */
  stdout(): string
  stderr(): string
  /** Calls `listener` after each stdout chunk and once the process ends; returns a function that stops it. */
  onOutput(listener: () => void): () => void
}

/**
 * Starts `node --import tsx <script> <args>` in the repository with exactly
 * the given mailbridge variables (every other one removed from the inherited
 * environment, as {@link startRuntime} does), as `npm start` and the
 * `mailbridge` command run.
 */
export function spawnMailbridge(script: string, args: string[], env: Record<string, string>): MailbridgeProcess {
  const proc = startRuntime(process.execPath, ['--import', 'tsx', script, ...args], env)
  const { child } = proc
  return {
    child,
    stdout: proc.stdout,
    stderr: proc.stderr,
    onOutput(listener) {
      // After startRuntime's own listener: the chunk is in stdout() when `listener` runs.
      const notify = () => listener()
      child.stdout!.on('data', notify)
      child.once('exit', notify).once('close', notify)
      return () => {
        child.stdout!.off('data', notify)
        child.off('exit', notify).off('close', notify)
      }
    },
  }
}
