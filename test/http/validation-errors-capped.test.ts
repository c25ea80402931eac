import { describe, expect, it } from 'vitest'
import { MAX_FIELD_ERRORS } from '../../src/http/problem.js'
import { postJson, testApp, validMail } from './fake-mailer.js'

interface ValidationProblem {
  code: string
  detail: string
  errors: { path: string; message: string }[]
  errors_omitted?: number
}

async function validationProblem(body: unknown): Promise<{ status: number; size: number; problem: ValidationProblem }> {
  const { app } = testApp()
  const res = await app.request('/send', postJson(body))
  const text = await res.text()
  return { status: res.status, size: text.length, problem: JSON.parse(text) as ValidationProblem }
}

/** `n` recipients that fail the schema (an email that is not a string). */
const badRecipients = (n: number) => Array.from({ length: n }, () => ({ email: 5 }))

describe('the errors list of a 422', () => {
  it('is cut at 100 entries, errors_omitted saying how many more there were', async () => {
    expect(MAX_FIELD_ERRORS).toBe(100)
    const { status, problem } = await validationProblem({ ...validMail(), to: badRecipients(150) })
    expect(status).toBe(422)
    expect(problem.code).toBe('validation_error')
    expect(problem.errors).toHaveLength(100)
    expect(problem.errors[0]!.path).toBe('to.0.email')
    expect(problem.errors[99]!.path).toBe('to.99.email')
    expect(problem.errors_omitted).toBe(50)
    expect(problem.detail).toBe('The request has 150 invalid fields.')
  })

  it('has no errors_omitted when nothing was left out', async () => {
    const { problem } = await validationProblem({ ...validMail(), to: badRecipients(100) })
    expect(problem.errors).toHaveLength(100)
    expect(problem).not.toHaveProperty('errors_omitted')
  })

  it('is cut for the composer problems too (fields that passed the schema)', async () => {
    const attachments = Array.from({ length: 130 }, (_, i) => ({ filename: `f${i}.txt`, content: '*not base64*' }))
    const { status, problem } = await validationProblem({ ...validMail(), attachments })
    expect(status).toBe(422)
    expect(problem.errors).toHaveLength(100)
    expect(problem.errors_omitted).toBe(30)
  })

  it('stays small, and comes quickly, for a body with 100,000 invalid header names', { timeout: 60_000 }, async () => {
    const headers: Record<string, string> = {}
    for (let i = 0; i < 100_000; i++) headers[`Bad Name ${i}`] = 'x'
    // `subject: 5` fails the schema, so the content problems of `headers` are
    // added to the schema's: each used to be compared with every other.
    const { status, size, problem } = await validationProblem({ ...validMail(), subject: 5, headers })
    expect(status).toBe(422)
    expect(problem.errors).toHaveLength(100)
    expect(problem.errors[0]!.path).toBe('subject')
    expect(problem.errors_omitted).toBe(100_001 - 100)
    expect(size).toBeLessThan(32 * 1024)
  })
})
