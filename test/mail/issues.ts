import { prepareMail, type MailIssue } from '../../src/mail/index.js'

/** Every issue `prepareMail` finds in `input` (the checks `composeMessage` runs first); empty when valid. */
export function issuesOf(input: unknown): MailIssue[] {
  const r = prepareMail(input)
  return r.ok ? [] : r.issues
}
