import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'

describe('misspelt SMTP_ variables', () => {
  it('warns about SMTP_ variables mailbridge does not know, by name only', () => {
    const c = loadConfig({ SMTP_HOST: 'relay.test', SMTP_PASSWORD: 'hunter2', SMTP_USERNAME: 'me' })
    expect(c.warnings).toEqual(['SMTP_PASSWORD, SMTP_USERNAME are not mailbridge variables (ignored)'])
  })
})
