import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES } from '../../../src/config/load.js'
import { freePort } from '../../helpers/ports.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => (s.destroy(), resolve(false)))
    s.once('error', () => resolve(true))
  })

/** `npm start` with a clean mailbridge environment, resolved once it listens. */
async function npmStart(port: number, outbox: string, options: { detached?: boolean } = {}) {
  const env = { ...process.env }
  for (const name of CONFIG_VARIABLES) delete env[name]
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), OUTBOX_DIR: outbox },
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d
      if (out.includes('"msg":"listening on')) resolve()
    })
    child.once('exit', () => reject(new Error(`npm start exited early:\n${out}`)))
  })
  return { child, exited, output: () => out }
}

describe('the literal `npm start` script', () => {
  let dir = ''
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('serves /send into the outbox and stops cleanly on a terminal-style SIGTERM to its process group', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailbridge-npm-start-'))
    const port = await freePort()
    // Own process group, like a shell job: Ctrl-C / kill -TERM -<pgid> reach npm and node alike.
    const npm = await npmStart(port, dir, { detached: true })
    try {
      const res = await fetch(`http://127.0.0.1:${port}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 'npm start', text: 'x' }),
      })
      expect(res.status).toBe(200)
      const { queue_id } = (await res.json()) as { queue_id: string }
      expect(await readdir(dir)).toContain(`${queue_id}.eml`)
    } finally {
      process.kill(-npm.child.pid!, 'SIGTERM')
      await npm.exited
    }
    // npm itself dies of the signal; what matters is that mailbridge shut down and freed its port.
    await expect.poll(() => npm.output(), { timeout: 10_000 }).toMatch(/"msg":"stopped"/)
    await expect.poll(() => refused(port), { timeout: 10_000 }).toBe(true)
  })

  // SIGTERM: what `docker stop` sends to npm alone (npm passes it on). SIGKILL:
  // npm cannot pass anything on, so mailbridge must notice that npm is gone.
  it.each(['SIGTERM', 'SIGKILL'] as const)('shuts mailbridge down gracefully when only the npm process gets %s', async (signal) => {
    const own = await mkdtemp(join(tmpdir(), 'mailbridge-npm-term-'))
    const port = await freePort()
    const npm = await npmStart(port, own)
    try {
      expect(await refused(port)).toBe(false)
      npm.child.kill(signal) // npm alone, not its process group
      await expect.poll(() => refused(port), { timeout: 10_000 }).toBe(true)
      await expect.poll(() => npm.output(), { timeout: 10_000 }).toMatch(/"msg":"stopped"/)
    } finally {
      npm.child.kill('SIGKILL')
      await rm(own, { recursive: true, force: true })
    }
  })
})
