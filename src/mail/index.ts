/**
 * The MIME composer: pure functions from a send request to message bytes and
 * envelope. No I/O and no runtime-specific APIs.
 */
export { composeForSending, composeMessage, CHUNKED_FROM } from './compose.js'
export { ChunkedMessage } from './chunked.js'
export { Base64Bytes } from './base64-bytes.js'
export { parseAddress, checkAddress, type ParsedAddress, type AddressCheck } from './address.js'
export { prepareMail, type PreparedMail, type PrepareResult } from './validate.js'
export { MailValidationError } from './errors.js'
export type { AddressInput, AttachmentInput, ComposedMessage, ComposeOptions, MailInput, MailIssue } from './types.js'
export { isReservedHeader, RESERVED_HEADER_PREFIXES, RESERVED_HEADERS } from './headers.js'
export { fromNameIssue, nameHoldsAddress, senderPolicy } from './sender-policy.js'
