import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CONFIG_VARIABLES } from '../../../src/config/load.js'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** A runtime (workerd, bun, deno, node) started as a child process, with its output collected. */
export interface RuntimeProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** The JSON lines written to stdout so far. */
  events(): Record<string, unknown>[]
  /** Resolves with the first stdout JSON line `match` accepts; polls the output, never sleeps a fixed time. */
  waitForEvent(match: (event: Record<string, unknown>) => boolean, what: string, timeoutMs?: number): Promise<Record<string, unknown>>
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>
}

/** Startup on a busy 2-core machine can be slow: wait generously. */
export const STARTUP_TIMEOUT_MS = 60_000

/**
 * Starts `command args…` in the repository root with the inherited
 * environment minus every mailbridge variable, plus `env`.
 */
export function startRuntime(command: string, args: string[], env: Record<string, string> = {}): RuntimeProcess {
  const base: Record<string, string | undefined> = { ...process.env }
  for (const name of CONFIG_VARIABLES) delete base[name]
  const child = spawn(command, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d))
  child.on('error', (e) => (err += `spawn failed: ${e.message}\n`))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const events = () =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{') && line.endsWith('}'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)

  async function waitForEvent(match: (event: Record<string, unknown>) => boolean, what: string, timeoutMs = STARTUP_TIMEOUT_MS) {
    const until = Date.now() + timeoutMs
    for (;;) {
      const found = events().find(match)
      if (found) return found
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${command} exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${out}\n${err}`)
      if (Date.now() > until) throw new Error(`no ${what} within ${timeoutMs} ms:\n${out}\n${err}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }

  return { child, stdout: () => out, stderr: () => err, events, waitForEvent, stop }
}

/** Polls `url` until it answers (any status) or `timeoutMs` passes. */
export async function waitForHttp(url: string, proc: RuntimeProcess, timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) })
      return
    } catch {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`exited before answering ${url}:\n${proc.stdout()}\n${proc.stderr()}`)
      if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${proc.stdout()}\n${proc.stderr()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}
