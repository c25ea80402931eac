#!/usr/bin/env node
/**
 * The `mailbridge` command (`npx mailbridge`, bundled as dist/cli.js):
 * `serve` (the default, what `npm start` runs), `check`, `send`,
 * `dkim-record`, `--help` and `--version`. `mailbridge --help` lists them with every variable.
 */
import pkg from '../../../package.json' with { type: 'json' }
import { parseCommandLine, UsageError, type CliCommand } from './cli-args.js'
import { runCheck } from './cli-check.js'
import { runDkimRecord } from './cli-dkim-record.js'
import { helpText } from './cli-help.js'
import { complain, exitWhenWritten, say } from './cli-output.js'
import { runSend } from './cli-send.js'
import { startService } from './load-service.js'

/** The command line's command, or undefined after saying what is wrong with it. */
function readCommandLine(): CliCommand | undefined {
  try {
    return parseCommandLine(process.argv.slice(2))
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    complain(`mailbridge: ${e.message}`, 'Run "mailbridge --help" for the commands and settings.')
    return undefined
  }
}

const command = readCommandLine()
switch (command?.name) {
  case undefined:
    await exitWhenWritten(2)
    break
  case 'help':
    process.stdout.write(helpText())
    break
  case 'version':
    say(pkg.version)
    break
  case 'serve':
    // As npm start: runs until a signal; exits the process itself.
    await startService(process.env)
    break
  case 'check':
    await exitWhenWritten(await runCheck(process.env))
    break
  case 'send':
    await exitWhenWritten(await runSend(process.env, command))
    break
  case 'dkim-record':
    await exitWhenWritten(await runDkimRecord(process.env))
    break
}
