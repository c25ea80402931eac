/**
 * The SMTP client's public API: what a program needs to send through a relay
 * without the HTTP service. Runtime-neutral: pass your runtime's socket
 * factory as `connect` (on Node, `createNodeSocket` from
 * `src/runtime/node/socket.ts`), or register it once with
 * `setDefaultSocketFactory`.
 *
 * @example
 * ```ts
 * const pool = createSmtpPool({ host: 'smtp.example.com', port: 587, auth: { user, pass }, connect: createNodeSocket })
 * const mailer = withRetries(withFallback(pool, createSmtpPool({ ...options, host: 'backup.example.com' })), { deadlineMs: 30_000 })
 * const { queueId } = await mailer.send({ envelope: { from, to }, raw })
 * await mailer.close()
 * ```
 */
export { createSmtpClient } from './client.js'
export { createSmtpPool, type SmtpPool, type SmtpPoolOptions, type PoolStats } from './pool.js'
export { withRetries, backoffDelay, type RetryOptions, type RetryEvent } from './retry.js'
export { withFallback, type FallbackOptions } from './failover.js'
export { createReadiness, ehloCheck, type Readiness, type ReadinessOptions, type ReadyState, type RelayCheck } from './probe.js'
export { openSmtpConnection, DEFAULT_TIMEOUTS, type SmtpConnection } from './connection.js'
export { setDefaultSocketFactory, type SmtpSocket, type SocketConnectOptions, type SocketFactory } from './socket.js'
export { NO_CAPABILITIES, parseCapabilities, type Capabilities } from './capabilities.js'
export { SmtpError, isSmtpError, type SmtpCommand, type SmtpErrorCode, type SmtpErrorOptions } from './errors.js'
export { classifyFailure, isRetryable, isUnreachable, type FailureDecision, type FailureOutcome } from './failure.js'
export { traceSocket, type SmtpTrace, type SmtpTraceEvent } from './trace.js'
export { ReplyParser, replyText, type ReplyParserOptions, type SmtpReply } from './reply.js'
export { encodeData, type EncodedData } from './data.js'
export { encodeChunks, type DataContent, type MessageChunks } from './data-stream.js'
export { extractQueueId } from './reply-queue-id.js'
export { checkEnvelope, checkEhloName } from './envelope.js'
export type * from './types.js'
