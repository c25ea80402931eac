import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES } from '../../src/config.js'
import { freePort } from '../helpers/ports.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => (s.destroy(), resolve(false)))
    s.once('error', () => resolve(true))
  })

describe('the literal `npm start` script', () => {
  let dir = ''
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('serves /send into the outbox and stops cleanly on a terminal-style SIGTERM to its process group', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailbridge-npm-start-'))
    const port = await freePort()
    const env = { ...process.env }
    for (const name of CONFIG_VARIABLES) delete env[name]
    // Own process group, like a shell job: Ctrl-C / kill -TERM -<pgid> reach npm, sh and node alike.
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), OUTBOX_DIR: dir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.setEncoding('utf8').on('data', (d: string) => {
          out += d
          if (out.includes('"msg":"listening on')) resolve()
        })
        child.once('exit', () => reject(new Error(`npm start exited early:\n${out}`)))
      })
      const res = await fetch(`http://127.0.0.1:${port}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 'npm start', text: 'x' }),
      })
      expect(res.status).toBe(200)
      const { queue_id } = (await res.json()) as { queue_id: string }
      expect(await readdir(dir)).toContain(`${queue_id}.eml`)
    } finally {
      process.kill(-child.pid!, 'SIGTERM')
      await exited
    }
    // npm itself dies of the signal; what matters is that mailbridge shut down and freed its port.
    await expect.poll(() => out, { timeout: 10_000 }).toMatch(/"msg":"stopped"/)
    await expect.poll(() => refused(port), { timeout: 10_000 }).toBe(true)
  })
  it('shuts mailbridge down when only the npm process gets SIGTERM (as `docker stop` does)', async () => {
    const own = await mkdtemp(join(tmpdir(), 'mailbridge-npm-term-'))
    const port = await freePort()
    const env = { ...process.env }
    for (const name of CONFIG_VARIABLES) delete env[name]
    const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...env, PORT: String(port), OUTBOX_DIR: own }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.setEncoding('utf8').on('data', (d: string) => {
          out += d
          if (out.includes('"msg":"listening on')) resolve()
        })
        child.once('exit', () => reject(new Error(`npm start exited early:\n${out}`)))
      })
      expect(await refused(port)).toBe(false)
      child.kill('SIGTERM') // npm alone, not its process group
      // npm exits at once without passing the signal on; mailbridge notices and stops.
      await expect.poll(() => refused(port), { timeout: 10_000 }).toBe(true)
    } finally {
      child.kill('SIGKILL')
      await rm(own, { recursive: true, force: true })
    }
  })
})
