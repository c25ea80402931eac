import type { MailIssue } from './types.js'

/**
 * The input cannot become a safe, standards-correct message. Carries every
 * problem found, each with the JSON path of the offending field.
 */
export class MailValidationError extends Error {
  override readonly name = 'MailValidationError'
  readonly code = 'EMAIL_INVALID' as const
  readonly issues: MailIssue[]

  constructor(issues: MailIssue[]) {
    super(issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '))
    this.issues = issues
  }
}
