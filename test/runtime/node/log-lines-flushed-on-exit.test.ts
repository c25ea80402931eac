import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { startServer } from '../../../src/runtime/node/server.js'
import { postMail } from './post-mail.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

describe('the stdout request log loses no line', () => {
  it('has every request line, whole and in order, on stdout when close() resolves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailbridge-log-'))
    const chunks: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk))
      return true
    })
    try {
      const server = await startServer(loadConfig({ PORT: '0', OUTBOX_DIR: dir }))
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await postMail(server.url)).status)
      await Promise.all(Array.from({ length: 5 }, () => postMail(server.url).then((r) => statuses.push(r.status))))
      await server.close()
      // No waiting for another turn: close() wrote what was buffered.
      spy.mockRestore()
      expect(statuses).toEqual(Array(10).fill(200))
      expect(chunks.every((c) => c.endsWith('\n'))).toBe(true)
      const lines = chunks.join('').split('\n').slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines.filter((l) => l.path === '/send')).toHaveLength(10)
      expect(lines.at(-1)).toMatchObject({ msg: 'stopped' })
      const lastRequest = lines.map((l) => l.path).lastIndexOf('/send')
      expect(lines.findIndex((l) => typeof l.msg === 'string' && l.msg.startsWith('shutting down'))).toBeGreaterThan(lastRequest)
    } finally {
      spy.mockRestore()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('writes every line, also the ones still buffered, when the process exits at once (stdout a pipe)', async () => {
    const script = `
      const { writeLogLine } = await import('./src/runtime/node/server.ts')
      for (let i = 0; i < 3000; i++) writeLogLine({ time: 't', level: 'info', msg: 'line ' + i })
      process.exit(0)
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    const [code] = await Promise.all([
      new Promise<number | null>((resolve) => child.once('exit', resolve)),
      new Promise((resolve) => child.stdout.once('close', resolve)),
    ])
    expect(code).toBe(0)
    const msgs = out.split('\n').slice(0, -1).map((l) => (JSON.parse(l) as { msg: string }).msg)
    expect(msgs).toEqual(Array.from({ length: 3000 }, (_, i) => `line ${i}`))
  })
})
