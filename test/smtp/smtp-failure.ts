import { expect } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'

/** Awaits `p`, which must reject with an `SmtpError`, and returns that error. */
export async function smtpFailure(p: Promise<unknown>): Promise<SmtpError> {
  const err = await p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(SmtpError)
  return err as SmtpError
}
