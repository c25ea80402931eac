import { createSendPipeline, type SendPipelineOptions } from '../../src/core/send-pipeline.js'
import { createApp, type AppOptions } from '../../src/http/app.js'

/** `createApp` options plus the send pipeline's (mailer, senders, default from, size limits). */
export type TestAppOptions = Omit<AppOptions, 'send'> & SendPipelineOptions

/** `createApp` over the core's send pipeline, as the assembly builds it, from one options object. */
export function createTestApp({ mailer, allowedSenders, defaultFrom, maxRecipients, maxHeaders, maxHeaderBytes, maxReplyTo, ...app }: TestAppOptions) {
  const send = createSendPipeline({ mailer, allowedSenders, defaultFrom, maxRecipients, maxHeaders, maxHeaderBytes, maxReplyTo })
  return createApp({ ...app, send })
}
