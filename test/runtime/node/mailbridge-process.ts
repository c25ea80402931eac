import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CONFIG_VARIABLES } from '../../../src/config/load.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

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
 * environment), as `npm start` and the `mailbridge` command run.
 */
export function spawnMailbridge(script: string, args: string[], env: Record<string, string>): MailbridgeProcess {
  const base = { ...process.env }
  for (const name of CONFIG_VARIABLES) delete base[name]
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const listeners = new Set<() => void>()
  const notify = () => listeners.forEach((l) => l())
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d
    notify()
  })
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d))
  child.once('exit', notify)
  child.once('close', notify)
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    onOutput(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
