/** Largest request body accepted by default, in bytes (10 MiB): `MAX_BODY_BYTES`. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

/** Most recipients (to + cc + bcc) of one message by default: `MAX_RECIPIENTS`. */
export const DEFAULT_MAX_RECIPIENTS = 50
