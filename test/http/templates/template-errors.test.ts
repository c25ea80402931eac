import { describe, expect, it } from 'vitest'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { postJson, testApp } from '../fake-mailer.js'

const file = { templates: { welcome: { subject: 'Welcome, {{ name }}', html: '<p>{{ user.email }}</p>' } } }
const base = { from: 'App <app@example.com>', to: 'bob@example.org' }

const problemOf = async (res: Response) => ({ status: res.status, body: await res.json() })

describe('template requests that cannot render', () => {
  it('answers 422 naming the template and the missing field, and sends nothing', async () => {
    const { app, mailer } = frontendsApp(file)
    const { status, body } = await problemOf(await app.request('/send', postJson({ ...base, template: 'welcome', data: { name: 'Ada', user: {} } })))
    expect(status).toBe(422)
    expect(body.code).toBe('validation_error')
    expect(body.errors).toEqual([{ path: 'data.user.email', message: 'Template "welcome" (html): needs data.user.email, which is missing.' }])
    expect(mailer.sent).toHaveLength(0)
  })

  it('refuses a subject that renders with a line break (header injection through data)', async () => {
    const { app, mailer } = frontendsApp(file)
    const { status, body } = await problemOf(await app.request('/send', postJson({ ...base, template: 'welcome', data: { name: 'x\r\nBcc: victim@example.net', user: { email: 'e' } } })))
    expect(status).toBe(422)
    expect(body.errors[0].message).toMatch(/^Template "welcome": the rendered subject contains a line break/)
    expect(mailer.sent).toHaveLength(0)
  })

  it('names an unknown template, and a server without templates', async () => {
    const { app } = frontendsApp(file)
    const { body } = await problemOf(await app.request('/send', postJson({ ...base, template: 'nope', data: {} })))
    expect(body.errors).toEqual([{ path: 'template', message: 'There is no template "nope".' }])
    const plain = testApp().app
    const { status, body: none } = await problemOf(await plain.request('/send', postJson({ ...base, template: 'welcome' })))
    expect(status).toBe(422)
    expect(none.errors).toEqual([{ path: 'template', message: 'There is no template "welcome": MAILBRIDGE_CONFIG configures none.' }])
  })

  it('refuses subject, text or html beside a template, and data without one', async () => {
    const { app } = frontendsApp(file)
    const both = await problemOf(await app.request('/send', postJson({ ...base, template: 'welcome', subject: 's', html: 'h' })))
    expect(both.body.errors.map((e: { path: string }) => e.path)).toEqual(['subject', 'html'])
    const orphan = await problemOf(await app.request('/send', postJson({ ...base, subject: 's', text: 't', data: { a: 1 } })))
    expect(orphan.body.errors).toEqual([{ path: 'data', message: 'Data is for a template: give template too.' }])
  })
})

describe('a template request that also fails the schema', () => {
  it('lists its real problems, not a missing subject or text the template would render', async () => {
    const { app } = frontendsApp(file)
    const body = { ...base, to: 'not an address', template: 'welcome', data: 5 }
    const { status, body: problem } = await problemOf(await app.request('/send', postJson(body)))
    expect(status).toBe(422)
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['data', 'to'])
    const batch = await (await app.request('/send/batch', postJson([body]))).json()
    expect(batch.results[0].errors.map((e: { path: string }) => e.path).sort()).toEqual(['data', 'to'])
  })
})
