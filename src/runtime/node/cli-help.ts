import { variableSummaries } from './variables.js'

/** Width of the variable-name column in the help text. */
const NAME_COLUMN = 30

/**
 * The `mailbridge --help` text: the commands, the exit statuses, and every
 * variable mailbridge reads with its one-line summary.
 *
 * @example
 * ```ts
 * process.stdout.write(helpText())
 * ```
 */
export function helpText(): string {
  const variables = variableSummaries().map(({ name, summary }) => `  ${name.padEnd(NAME_COLUMN)}${summary}`)
  return [
    'mailbridge: an HTTP-to-SMTP email API',
    '',
    'Usage:',
    '  mailbridge [serve]      run the HTTP service until SIGTERM/SIGINT (what npm start runs)',
    '  mailbridge check        check the settings and test the relay (connect, TLS, AUTH); sends nothing',
    '  mailbridge send --to <address> [--to <address>] [--from <address>] [--subject <text>] [--text <text>]',
    '                          send one test message the way POST /send does; --from defaults to DEFAULT_FROM',
    '  mailbridge dkim-record  print the DNS TXT record that publishes each configured DKIM key',
    '  mailbridge --help       this text',
    '  mailbridge --version    the version',
    '',
    'Exit status: 0 done; 1 a wrong setting, an unusable relay or a failed send; 2 a wrong command line.',
    '',
    'Settings are environment variables (all of them below; details in docs/configuration.md):',
    ...variables,
    '',
  ].join('\n')
}
