#!/usr/bin/env node
/**
 * The `mailbridge` command (`npx mailbridge`, bundled as dist/cli.js):
 * `serve` (the default, what `npm start` runs), `check`, `send`,
 * `dkim-record`, `--help` and `--version`. `mailbridge --help` lists them with every variable.
 *
 * Nothing but the command line's parser and `serve`'s loader is imported up
 * front; every other module when its command runs. Imported here, they would
 * bring much of the service along as ES modules, which `serve` then loads a
 * second time from dist/service.cjs: a second compile, and a second copy of
 * every module's state.
 */
import pkg from '../../../package.json' with { type: 'json' }
import { parseCommandLine, UsageError, type CliCommand } from './cli-args.js'
import { startService } from './load-service.js'

/** The output helpers of every command but `serve`. */
const output = () => import('./cli-output.js')

/** The command line's command, or undefined after saying what is wrong with it. */
async function readCommandLine(): Promise<CliCommand | undefined> {
  try {
    return parseCommandLine(process.argv.slice(2))
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    ;(await output()).complain(`mailbridge: ${e.message}`, 'Run "mailbridge --help" for the commands and settings.')
    return undefined
  }
}

const command = await readCommandLine()
switch (command?.name) {
  case undefined:
    await (await output()).exitWhenWritten(2)
    break
  case 'help':
    process.stdout.write((await import('./cli-help.js')).helpText())
    break
  case 'version':
    ;(await output()).say(pkg.version)
    break
  case 'serve':
    // As npm start: runs until a signal; exits the process itself.
    await startService(process.env)
    break
  case 'check': {
    const [{ exitWhenWritten }, { runCheck }] = await Promise.all([output(), import('./cli-check.js')])
    await exitWhenWritten(await runCheck(process.env))
    break
  }
  case 'send': {
    const [{ exitWhenWritten }, { runSend }] = await Promise.all([output(), import('./cli-send.js')])
    await exitWhenWritten(await runSend(process.env, command))
    break
  }
  case 'dkim-record': {
    const [{ exitWhenWritten }, { runDkimRecord }] = await Promise.all([output(), import('./cli-dkim-record.js')])
    await exitWhenWritten(await runDkimRecord(process.env))
    break
  }
}
