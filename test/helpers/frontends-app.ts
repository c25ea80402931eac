import { loadConfig } from '../../src/config/load.js'
import { frontendOptions } from '../../src/core/frontends.js'
import { createTemplateEngine } from '../../src/mail/template.js'
import { createSendPipeline, type SendPipelineOptions } from '../../src/core/send-pipeline.js'
import { createApp, type AppOptions } from '../../src/http/app.js'
import { isRequestLogEntry, type RequestLogEntry } from '../../src/http/log.js'
import { fakeMailer } from '../http/fake-mailer.js'

/**
 * The app as the assembly builds it from an environment with
 * `MAILBRIDGE_CONFIG` set to `file` (inline JSON, as on Workers), over a
 * fake mailer: the real configuration loader (with the template engine the
 * runtimes hand it), body handler, keys, forms and hooks.
 */
export function frontendsApp(file: unknown, env: Record<string, string> = {}, app: Partial<AppOptions> = {}) {
  const config = loadConfig({ MAILBRIDGE_CONFIG: JSON.stringify(file), ...env }, { templateEngine: createTemplateEngine() })
  const mailer = fakeMailer()
  const logs: RequestLogEntry[] = []
  const pipeline: SendPipelineOptions = { mailer, allowedSenders: config.allowedSenders, defaultFrom: config.defaultFrom }
  const send = createSendPipeline(pipeline)
  return {
    config,
    mailer,
    logs,
    app: createApp({
      send,
      ...frontendOptions(config, pipeline, send),
      apiKeys: config.apiKeys,
      corsOrigins: config.corsOrigins,
      maxBodyBytes: config.maxBodyBytes,
      rateLimitPerMinute: config.rateLimitPerMinute,
      log: (e) => void (isRequestLogEntry(e) && logs.push(e)),
      ...app,
    }),
  }
}

/** Request options for a JSON POST with a bearer key. */
export function withKey(key: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, ...headers }, body: JSON.stringify(body) }
}
