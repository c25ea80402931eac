/** Largest request body accepted by default, in bytes (10 MiB): `MAX_BODY_BYTES`. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

/** Most recipients (to + cc + bcc) of one message by default: `MAX_RECIPIENTS`. */
export const DEFAULT_MAX_RECIPIENTS = 50

/** Most custom header fields (`headers`) of one message by default: `MAX_HEADERS`. */
export const DEFAULT_MAX_HEADERS = 50

/** Most bytes (UTF-8) of custom header names and values together by default: `MAX_HEADER_BYTES`. */
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024

/** Most `reply_to` addresses of one message by default: `MAX_REPLY_TO`. */
export const DEFAULT_MAX_REPLY_TO = 10
