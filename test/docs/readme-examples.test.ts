import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { useTempDir } from '../helpers/fixture.js'
import { textOf } from '../helpers/import-graph.js'
import { useServer } from '../helpers/server.js'

const run = promisify(execFile)
const README = textOf('README.md')
/** The README's fenced blocks of one language, in order. */
const blocks = (lang: string) => [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!)
const DOCUMENTED_URL = 'http://127.0.0.1:3000'

/** The README's "Try it" examples, run as written against a started server (capture relay), so they cannot go stale. */
describe('the README examples', () => {
  const outbox = useTempDir('mailbridge-readme-')
  const app = useServer(() => loadConfig({ PORT: '0', OUTBOX_DIR: outbox() }))
  const here = (text: string) => text.replaceAll(DOCUMENTED_URL, app.server().url)
  const eml = async (queueId: string) => simpleParser(await readFile(join(outbox(), `${queueId}.eml`)))

  it('every curl example answers as the README shows, and the message is in the outbox', async () => {
    const curls = blocks('sh').filter((b) => b.trimStart().startsWith('curl'))
    expect(curls.length).toBeGreaterThanOrEqual(2)
    expect(README).toContain(DOCUMENTED_URL)
    const shown = JSON.parse(blocks('json')[0]!) as Record<string, unknown>
    for (const curl of curls) {
      const { stdout } = await run('sh', ['-c', here(curl)])
      const answer = JSON.parse(stdout) as Record<string, unknown>
      expect(Object.keys(answer).sort()).toEqual(Object.keys(shown).sort())
      expect(answer.smtp_response).toMatch(/^250 2\.6\.0 Ok: queued as /)
      expect(answer.accepted).toEqual(shown.accepted)
      const message = await eml(String(answer.queue_id))
      expect(message.messageId).toBe(answer.message_id)
    }
  })

  it('the attachment example carries report.txt as an attachment and logo.png inline', async () => {
    const curl = blocks('sh').find((b) => b.includes('"attachments"'))!
    const { stdout } = await run('sh', ['-c', here(curl)])
    const parsed = await eml(String((JSON.parse(stdout) as { queue_id: string }).queue_id))
    const byName = Object.fromEntries(parsed.attachments.map((a) => [a.filename, a]))
    expect(byName['report.txt']).toMatchObject({ contentType: 'text/plain', contentDisposition: 'attachment' })
    expect(byName['report.txt']!.content.toString()).toBe('Hello, Bob!\n')
    expect(byName['logo.png']).toMatchObject({ contentType: 'image/png', cid: 'logo@example.com', related: true })
  })

  it('the fetch example runs as written and prints the message and queue ids', async () => {
    const [js] = blocks('js')
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', here(js!)])
    const [messageId, queueId] = stdout.trim().split(' ')
    expect(messageId).toMatch(/^<.+@example\.com>$/)
    expect((await eml(queueId!)).messageId).toBe(messageId)
  })
})
