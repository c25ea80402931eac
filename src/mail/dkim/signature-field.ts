import { fromBinaryString } from './bytes.js'
import { relaxedHeader } from './canonicalize.js'
import { selectFields } from './signed-fields.js'

/** The signing algorithms mailbridge uses (RFC 6376, RFC 8463). */
export type DkimAlgorithm = 'rsa-sha256' | 'ed25519-sha256'

/** What a DKIM-Signature says besides its signature. */
export interface DkimSignatureTags {
  algorithm: DkimAlgorithm
  /** `d=`: the signing domain, in ASCII (A-labels). */
  domain: string
  /** `s=`: the selector; the key is published at `<selector>._domainkey.<domain>`. */
  selector: string
  /** `h=`: the signed field names, as {@link signedFieldNames} lists them. */
  signedFields: readonly string[]
  /** `bh=`: base64 of the SHA-256 of the relaxed body. */
  bodyHash: string
  /** `t=`: seconds since the epoch. */
  timestamp: number
  /** `x=`: when the signature expires, in seconds since the epoch. */
  expires?: number | undefined
}

/** A DKIM-Signature waiting for its signature. */
export interface DkimDraft {
  /**
   * The bytes to sign (RFC 6376 §3.7): the selected fields, relaxed, each
   * with CRLF, then this DKIM-Signature field relaxed with an empty `b=` and
   * no CRLF.
   */
  input: Uint8Array
  /** The DKIM-Signature field with `signature` (base64) as `b=`, folded, with its CRLF. */
  field(signature: string): string
}

/** Longest line the field is folded to, before its CRLF. */
const WIDTH = 78

/**
 * Drafts the DKIM-Signature field (relaxed/relaxed, no `l=`) for a message
 * whose header fields are `fields` (binary strings, as `splitMessage` gives
 * them). The field is folded before it is signed, and `b=` comes last on
 * lines of its own, so the signed text is exactly what is sent.
 */
export function draftSignature(fields: readonly string[], tags: DkimSignatureTags): DkimDraft {
  let text = ''
  let line = 'DKIM-Signature:'
  const put = (atom: string, separator: string) => {
    if (line.length + separator.length + atom.length > WIDTH) {
      text += `${line}\r\n`
      line = ` ${atom}`
    } else line += separator + atom
  }
  put('v=1;', ' ')
  put(`a=${tags.algorithm};`, ' ')
  put('c=relaxed/relaxed;', ' ')
  put(`d=${tags.domain};`, ' ')
  put(`s=${tags.selector};`, ' ')
  put(`t=${tags.timestamp};`, ' ')
  if (tags.expires !== undefined) put(`x=${tags.expires};`, ' ')
  tags.signedFields.forEach((name, i, all) => {
    const atom = `${name}${i === all.length - 1 ? ';' : ':'}`
    if (i === 0) put(`h=${atom}`, ' ')
    else put(atom, '')
  })
  put(`bh=${tags.bodyHash};`, ' ')
  text += `${line}\r\n b=`

  const selected = selectFields(fields, tags.signedFields).map((f) => `${relaxedHeader(f)}\r\n`)
  const input = fromBinaryString(selected.join('') + relaxedHeader(text))
  return {
    input,
    field: (signature) => {
      let out = text
      // The first line holds " b=" and 74 characters; the others a space and 77.
      out += signature.slice(0, WIDTH - 4)
      for (let i = WIDTH - 4; i < signature.length; i += WIDTH - 1) out += `\r\n ${signature.slice(i, i + WIDTH - 1)}`
      return `${out}\r\n`
    },
  }
}
