/** Largest request body accepted by default, in bytes (10 MiB): `MAX_BODY_BYTES`. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

/** Most recipients (to + cc + bcc) of one message by default: `MAX_RECIPIENTS`. */
export const DEFAULT_MAX_RECIPIENTS = 50

/**
 * The Node HTTP server's defaults (`HTTP_*` variables): the whole request must
 * arrive within 30 s and its headers within 10 s, an idle keep-alive
 * connection is closed after 5 s, and at most 1024 connections are open.
 */
export const DEFAULT_HTTP_SERVER = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
} as const

/** Most custom header fields (`headers`) of one message by default: `MAX_HEADERS`. */
export const DEFAULT_MAX_HEADERS = 50

/** Most bytes (UTF-8) of custom header names and values together by default: `MAX_HEADER_BYTES`. */
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024

/** Most `reply_to` addresses of one message by default: `MAX_REPLY_TO`. */
export const DEFAULT_MAX_REPLY_TO = 10
