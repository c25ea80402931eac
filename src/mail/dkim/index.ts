/**
 * DKIM (RFC 6376, RFC 8463) without the cryptography: relaxed
 * canonicalisation, the fields a signature covers, the DKIM-Signature field,
 * reading a PKCS#8 key, and the DNS record of its public key. Pure: the
 * signer (`src/core/dkim/`) hashes and signs with Web Crypto.
 */
export { concatBytes, fromBase64, fromBinaryString, toBase64, toBinaryString } from './bytes.js'
export { relaxedBody, relaxedHeader, toCrlf } from './canonicalize.js'
export { DkimKeyError, type DkimKeyErrorCode } from './errors.js'
export { fieldName, fromDomain, splitMessage, type SplitMessage } from './message.js'
export { DkimPrivateKey, inspectPrivateKey, MIN_RSA_BITS, type DkimKeyType } from './private-key.js'
export { dkimRecord, type DkimRecord } from './record.js'
export { draftSignature, type DkimAlgorithm, type DkimDraft, type DkimSignatureTags } from './signature-field.js'
export { selectFields, SIGNED_FIELDS, signedFieldNames } from './signed-fields.js'
