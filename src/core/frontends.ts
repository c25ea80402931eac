import type { Config } from '../config/load.js'
import type { AppOptions } from '../http/options.js'
import type { SendHandler } from '../http/send-handler.js'
import { createBodyHandler } from './body-handler.js'
import { createSendPipeline, type SendPipelineOptions } from './send-pipeline.js'

/**
 * What `MAILBRIDGE_CONFIG` adds to the app: the body handler (templates, the
 * keys' scopes), the keys for authentication, the forms and the hooks.
 * Nothing without the file.
 *
 * @example
 * ```ts
 * const app = createApp({ send, ...frontendOptions(config, pipelineOptions, send), ... })
 * ```
 */
export function frontendOptions(
  config: Pick<Config, 'frontends'>,
  pipelineOptions: SendPipelineOptions,
  send: SendHandler,
): Pick<AppOptions, 'handle' | 'keys' | 'forms' | 'hooks'> {
  const frontends = config.frontends
  if (frontends === undefined) return {}
  const handle = createBodyHandler({
    send,
    pipeline: ({ allowedSenders, mailer }) =>
      createSendPipeline({ ...pipelineOptions, allowedSenders: allowedSenders ?? pipelineOptions.allowedSenders, mailer: mailer ?? pipelineOptions.mailer }),
    templates: frontends.templates,
    keys: frontends.keys,
  })
  return { handle, keys: frontends.keys, forms: Object.values(frontends.forms), hooks: Object.values(frontends.hooks) }
}

/** The startup line naming what the file configures (never a secret). */
export function frontendsSummary(config: Pick<Config, 'frontends'>): string | undefined {
  const f = config.frontends
  if (f === undefined) return undefined
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`
  const names = (list: readonly { name: string }[]) => (list.length > 0 ? ` (${list.map((x) => x.name).join(', ')})` : '')
  return `MAILBRIDGE_CONFIG: ${count(f.keys.length, 'key')}${names(f.keys)}, ${count(Object.keys(f.templates).length, 'template')}, ${count(Object.keys(f.forms).length, 'form')}, ${count(Object.keys(f.hooks).length, 'hook')}`
}
