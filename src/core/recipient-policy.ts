import type { SendRequest } from '../http/schemas.js'
import { parseAddress, senderPolicy, type AddressInput } from '../mail/index.js'

/**
 * A key's `recipients` as a check of one envelope address: entries are
 * addresses (`a@b.c`) or domains (`@b.c`), matched as `ALLOWED_SENDERS`
 * matches a sender (the parsed address, never a display name; domains in
 * Unicode or punycode alike).
 */
export const recipientPolicy = (entries: readonly string[]): ((envelope: string) => boolean) => senderPolicy(entries)

const asList = (field: AddressInput | AddressInput[] | undefined): AddressInput[] =>
  field === undefined ? [] : Array.isArray(field) ? field : [field]

/**
 * The first `to`, `cc` or `bcc` address the policy refuses, as written in
 * its envelope form; undefined when every one passes. An address that does
 * not parse is left to the composer, which reports it as a `422`.
 */
export function disallowedRecipient(req: SendRequest, allowed: (envelope: string) => boolean): string | undefined {
  for (const field of [req.to, req.cc, req.bcc]) {
    for (const input of asList(field)) {
      let address: string
      try {
        address = parseAddress(input).address
      } catch {
        continue
      }
      if (!allowed(address)) return address
    }
  }
  return undefined
}
