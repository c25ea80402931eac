import { describe, expect, it } from 'vitest'
import { createTemplateEngine } from '../../../src/mail/template.js'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { postJson } from '../fake-mailer.js'

const heavy = { subject: 'Heavy', text: '{% for a in items %}{% for b in items %}{{ a }}{{ b }}{% endfor %}{% endfor %}' }

/** Templates render synchronously: the time they may take is one budget per request, shared by every item of a batch. */
describe('the render budget', () => {
  it('stops a render past its deadline with a 422-able error, whatever the per-part limit', () => {
    const tpl = createTemplateEngine({ renderLimitMs: 60_000 }).compile('heavy', heavy)
    const items = Array.from({ length: 3_000 }, (_, i) => i)
    expect(() => tpl.render({ items }, performance.now() - 1)).toThrow(/this request's templates took too long to render/)
  })

  it('refuses the items of a batch once the request budget is spent, instead of rendering each for its own full limit', async () => {
    const { app, mailer } = frontendsApp({ templates: { heavy } })
    const items = Array.from({ length: 3_000 }, (_, i) => i)
    const item = { from: 'App <app@example.com>', to: 'bob@example.org', template: 'heavy', data: { items } }
    const res = await app.request('/send/batch', postJson(Array.from({ length: 20 }, () => item)))
    expect(res.status).toBe(200)
    const { results } = (await res.json()) as { results: { code?: string; errors?: { message: string }[] }[] }
    // At most a few items can render in one budget; the others are told the request ran out of time.
    const outOfTime = results.filter((r) => r.errors?.some((e) => /took too long/.test(e.message)))
    expect(outOfTime.length).toBeGreaterThanOrEqual(15)
    expect(mailer.sent.length).toBeLessThanOrEqual(5)
  })
})
