import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { freePort } from './ports.js'

export const SMTP_SINK = ['/usr/sbin/smtp-sink', '/usr/lib/postfix/sbin/smtp-sink'].find((p) => existsSync(p))

export interface SmtpSink {
  port: number
  /** Messages completed (final "." received) so far, from smtp-sink's `-c` counters. */
  messages(): number
  stop(): Promise<void>
}

export interface StartSinkOptions {
  /** Extra smtp-sink flags, e.g. ['-f', 'RCPT'] to fail RCPT with 5xx. */
  args?: string[]
  backlog?: number
}

/**
 * Starts Postfix's `smtp-sink` on an ephemeral 127.0.0.1 port (as root with
 * `-u nobody`). Installed by `.ci/run` (Debian `postfix`).
 */
export async function startSmtpSink({ args = [], backlog = 256 }: StartSinkOptions = {}): Promise<SmtpSink> {
  if (!SMTP_SINK) throw new Error('smtp-sink not found: install Debian postfix (see .ci/run)')
  const port = await freePort()
  const child: ChildProcess = spawn(SMTP_SINK, ['-u', 'nobody', '-c', ...args, `127.0.0.1:${port}`, String(backlog)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let count = 0
  let tail = ''
  const onData = (chunk: Buffer) => {
    tail = (tail + chunk.toString('latin1')).slice(-4096)
    const all = [...tail.matchAll(/mesg=(\d+)/g)]
    const last = all[all.length - 1]
    if (last) count = Math.max(count, Number(last[1]))
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  await waitForPort(port, child)
  return {
    port,
    messages: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`smtp-sink exited with ${child.exitCode}`)
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('smtp-sink did not start listening')
}
