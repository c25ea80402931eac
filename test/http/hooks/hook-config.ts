import { createHmac } from 'node:crypto'

/** Configuration files and signing for the hook tests: each signature made with node:crypto, not the code under test. */
export const GH_SECRET = 'gh-webhook-secret'
/** A Standard Webhooks secret: whsec_ and the base64 of 24 bytes. */
export const SW_SECRET = `whsec_${Buffer.from('standard-webhooks-key-24').toString('base64')}`
export const HMAC_SECRET = 'generic-hmac-secret'

export const hookEnv = { GH_WEBHOOK_SECRET: GH_SECRET, SW_SECRET, HMAC_SECRET }

export const hookFile = (hooks: Record<string, unknown> = {}) => ({
  templates: {
    'github-issue': { subject: '[{{ repository.full_name }}] {{ action }}: {{ issue.title }}', text: '{{ sender.login }} {{ action }} #{{ issue.number }}: {{ issue.html_url }}' },
    invoice: { subject: 'Invoice {{ data.id }} paid', html: '<p>Amount: {{ data.amount }}</p>' },
  },
  hooks: {
    'github-issues': { verify: { scheme: 'github', secret: 'env:GH_WEBHOOK_SECRET' }, to: ['dev@example.com'], from: 'CI <ci@example.com>', template: 'github-issue' },
    billing: { verify: { scheme: 'standard-webhooks', secret: 'env:SW_SECRET' }, to: ['billing@example.com'], from: 'Billing <billing@example.com>', template: 'invoice' },
    generic: { verify: { scheme: 'hmac-sha256', secret: 'env:HMAC_SECRET', header: 'X-Signature', encoding: 'base64', prefix: 'v1=' }, to: ['ops@example.com'], from: 'ops@example.com', template: 'invoice' },
    ...hooks,
  },
})

export const issuePayload = {
  action: 'opened',
  issue: { number: 7, title: 'Crash on <start>', html_url: 'https://github.com/acme/app/issues/7' },
  repository: { full_name: 'acme/app' },
  sender: { login: 'ada' },
}

export const githubSignature = (body: string, secret = GH_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

/** Standard Webhooks headers for `body`, signed at `timestamp` (seconds) with `secret`. */
export function standardHeaders(body: string, id: string, timestamp = Math.floor(Date.now() / 1000), secret = SW_SECRET): Record<string, string> {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` }
}

export const post = (body: string, headers: Record<string, string>): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body })
