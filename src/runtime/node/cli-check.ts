import { resolve } from 'node:path'
import { loadConfigOrExit } from './config-or-exit.js'
import { complain, say, textLog } from './cli-output.js'
import { checkPublishedKeys } from './dkim-dns-check.js'
import { openOneShot } from './one-shot.js'

/**
 * `mailbridge check`: validates the settings (the same messages as startup,
 * exit 1 when one is wrong), prints the startup warnings, then opens one
 * connection to the relay (and to the fallback relay) as a send would —
 * connect, TLS, EHLO, AUTH — and QUITs without sending; with DKIM, checks
 * that DNS publishes each key. Resolves with the exit status: 0 when every
 * relay is usable and every key published, or when `SMTP_HOST` is unset
 * (mail would go to the capture relay: nothing to check), 1 otherwise.
 *
 * @example
 * ```ts
 * process.exitCode = await runCheck(process.env)
 * ```
 */
export async function runCheck(env: Record<string, string | undefined>): Promise<number> {
  const config = await loadConfigOrExit(env, 'the configuration is not valid')
  say('configuration ok')
  for (const warning of config.warnings) complain(`warn: ${warning}`)
  if (config.smtp.host === undefined && config.delivery.mode === 'relay') {
    say(`SMTP_HOST is unset: mail would go to the built-in capture relay and be written to ${resolve(config.outboxDir)}; no relay to check`)
    return 0
  }
  const { mailbridge, close } = await openOneShot(config, { log: textLog })
  try {
    // verify() logs "relay ok: …" or "relay … is not usable: <cause>" through textLog.
    const verdicts = await mailbridge.verify()
    // The DKIM keys as DNS publishes them: a missing or different record fails every signature.
    const published = config.dkim ? await checkPublishedKeys(config.dkim.keys, config.delivery.dnsServers) : []
    for (const p of published) (p.ok ? say : complain)(p.ok ? p.message : `warn: ${p.message}`)
    const ok = verdicts.every((v) => v.ok) && published.every((p) => p.ok)
    if (ok) say('nothing was sent')
    return ok ? 0 : 1
  } finally {
    await close()
  }
}
