import type { SmtpError } from '../errors.js'
import type { RecipientRejection } from '../types.js'

/** How one recipient domain's MX hosts took a message. */
export type DeliveryStatus =
  /** An MX host accepted the message for at least one recipient. */
  | 'delivered'
  /** Refused for good: a 5xx reply, a null MX, a domain that does not exist, MX hosts without addresses. */
  | 'rejected'
  /** Not delivered now, and not queued: a 4xx reply (greylisting), no MX host reachable, DNS failing. Send again later. */
  | 'deferred'
  /** The connection was lost after the message was handed over: it may have been delivered. */
  | 'unknown'

/** The outcome for one recipient domain. */
export interface DomainDelivery {
  /** The domain, as in the recipients' addresses (lower case). */
  domain: string
  status: DeliveryStatus
  /** The MX host (exchange name) that answered last; null when none was reached. */
  mx: string | null
  /** The queue id the MX host's final reply names, when delivered. */
  queueId: string | null
  /** Recipients the MX host accepted. */
  accepted: string[]
  /** Recipients refused, each with the reply that refused it (for a domain-wide failure, every recipient with it). */
  rejected: RecipientRejection[]
  /** The final reply when delivered; otherwise the reply that decided, or null when no server said anything. */
  response: string | null
  /** Why it was not delivered, in words an operator can act on. */
  detail?: string
  /** The failure behind a status other than `delivered`. */
  error?: SmtpError
}
