import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { chromium, type BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { loadNodeConfig } from '../../src/runtime/node/node-config.js'
import { useStarted, useTempDir } from '../helpers/fixture.js'
import { useServer } from '../helpers/server.js'
import { RELAY_PASS, RELAY_USER, startTestRelay } from '../http/e2e/relay.js'

const CHROMIUM = '/usr/bin/chromium'
const EXAMPLE = new URL('../../docs/examples/contact.html', import.meta.url)

/** Serves the example page, with its action pointed at `mailbridge`, and a thank-you page, on 127.0.0.1. */
async function startSite(mailbridge: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/contact.html') {
      const page = readFileSync(EXAMPLE, 'utf8').replace('https://mail.example.com', mailbridge())
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page)
    } else if (req.url === '/thanks.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Thanks</title><h1>Thank you</h1>')
    } else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

/**
 * docs/examples/contact.html in a real browser (Debian's headless Chromium,
 * driven by playwright-core): the page is served from 127.0.0.1, the form is
 * filled in and submitted with no JavaScript of ours, the browser lands on
 * the configured redirect, and the message is at the relay.
 */
describe('the example contact form in headless Chromium', () => {
  const dir = useTempDir('mailbridge-contact-')
  const relay = useStarted(() => startTestRelay(), (r) => r.stop())
  let mailbridgeUrl = ''
  const site = useStarted(() => startSite(() => mailbridgeUrl), ({ server }) => new Promise((resolve) => server.close(resolve)))
  const { server } = useServer(() => {
    writeFileSync(join(dir(), 'ca.pem'), readFileSync(new URL('../fixtures/tls/cert.pem', import.meta.url)))
    writeFileSync(
      join(dir(), 'mailbridge.yaml'),
      `templates:
  contact:
    subject: "Contact from {{ name }}"
    text: "{{ name }} <{{ email }}> wrote:\\n\\n{{ message }}"
forms:
  contact:
    to: ["team@example.com"]
    from: "Website <web@example.com>"
    template: contact
    origins: ["${site().url}"]
    honeypot: website
    reply_to_field: email
    redirect: "${site().url}/thanks.html"
`,
    )
    return loadNodeConfig({
      PORT: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay().port),
      SMTP_USER: RELAY_USER,
      SMTP_PASS: RELAY_PASS,
      SMTP_TLS_CA_FILE: join(dir(), 'ca.pem'),
      SMTP_EHLO_NAME: 'mailbridge.test',
      MAILBRIDGE_CONFIG: join(dir(), 'mailbridge.yaml'),
    })
  })
  const browser = useStarted(
    async () => {
      mailbridgeUrl = server().url
      const profile = mkdtempSync(join(tmpdir(), 'mailbridge-chromium-'))
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      })
      return { context, profile }
    },
    async ({ context, profile }: { context: BrowserContext; profile: string }) => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  )

  it('fills in and submits the form, lands on the redirect, and the relay has the message with the file', async () => {
    const page = await browser().context.newPage()
    await page.goto(`${site().url}/contact.html`)
    await page.fill('#name', 'Ada Lovelace')
    await page.fill('#email', 'ada@example.net')
    await page.fill('#message', 'Grüße! I would like to know more.')
    await page.setInputFiles('#attachment', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('engine notes\n') })
    await Promise.all([page.waitForURL(`${site().url}/thanks.html`, { timeout: 15_000 }), page.click('button[type=submit]')])
    expect(await page.textContent('h1')).toBe('Thank you')

    expect(relay().received).toHaveLength(1)
    const m = relay().received[0]!
    expect(m.to).toEqual(['team@example.com'])
    const parsed = await simpleParser(m.raw)
    expect(parsed.subject).toBe('Contact from Ada Lovelace')
    expect(parsed.text?.trim()).toBe('Ada Lovelace <ada@example.net> wrote:\n\nGrüße! I would like to know more.')
    expect(parsed.replyTo?.value[0]?.address).toBe('ada@example.net')
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['notes.txt', 'engine notes\n']])
  })
})
