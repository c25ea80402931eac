import { createConfig, lint } from '@redocly/openapi-core'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { OPENAPI_YAML } from '../../scripts/openapi.js'
import { textOf } from '../helpers/import-graph.js'

describe('openapi.yaml', () => {
  it("is clean under Redocly's recommended rules: no error, no warning", async () => {
    const problems = await lint({ ref: OPENAPI_YAML, config: await createConfig({ extends: ['recommended'] }) })
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([])
  })

  it('describes a property that refers to a shared schema beside its $ref, never as allOf (which type generators turn into "X & unknown")', () => {
    const text = textOf('openapi.yaml')
    expect(text).not.toMatch(/allOf:\n\s*- \$ref: [^\n]+\n\s*- description:/)
    const doc = parse(text) as { components: { schemas: Record<string, { description?: string; properties?: Record<string, { $ref?: string; description?: string }> }> } }
    const { Address, SendRequest } = doc.components.schemas
    expect(Address!.description).toMatch(/^An address: /)
    expect(SendRequest!.properties!.from).toEqual({ $ref: '#/components/schemas/Address', description: 'Sender; `DEFAULT_FROM` when absent.' })
    expect(SendRequest!.properties!.bcc).toMatchObject({ $ref: '#/components/schemas/AddressList' })
  })
})
