import { describe, expect, it } from 'vitest'
import document from '../../src/http/openapi.json' with { type: 'json' }
import { frontendsApp } from '../helpers/frontends-app.js'
import { contactFile } from './forms/contact-form.js'
import { hookEnv, hookFile } from './hooks/hook-config.js'

/**
 * The served document is written ahead (`npm run openapi`) from route
 * descriptions kept apart from the handlers: a route added to, or dropped
 * from, the app without its description must fail here, not drift silently.
 */
describe('the served OpenAPI document and the routes the app serves', () => {
  it('list the same operations, a configured form or hook standing for its {name} path', () => {
    const forms = contactFile()
    const hooks = hookFile()
    const { app } = frontendsApp({ ...forms, ...hooks, templates: { ...forms.templates, ...hooks.templates } }, hookEnv)
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/^\/(forms|hooks)\/[^/]+$/, (_, kind: string) => `/${kind}/{name}`)}`),
    )
    const described = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    expect([...served].sort()).toEqual([...new Set(described)].sort())
  })
})
