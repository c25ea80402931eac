import { SmtpError, type SmtpErrorCode } from '../errors.js'
import type { DomainDelivery } from './types.js'

/**
 * Direct delivery did not reach every recipient domain: the code says what
 * decides the answer (`EDEFERRED` when a domain may take it later,
 * `EUNKNOWN_OUTCOME` when a connection was lost after hand-over, otherwise
 * the refusal of the first domain), and `deliveries` what happened at each
 * domain, delivered ones included, so a caller can send again to the rest
 * only.
 */
export class MxDeliveryError extends SmtpError {
  readonly deliveries: DomainDelivery[]

  constructor(code: SmtpErrorCode, message: string, deliveries: DomainDelivery[], decisive: SmtpError | undefined) {
    super(code, message, {
      ...(decisive?.responseCode !== undefined ? { responseCode: decisive.responseCode } : {}),
      ...(decisive?.enhancedCode !== undefined ? { enhancedCode: decisive.enhancedCode } : {}),
      ...(decisive?.command !== undefined ? { command: decisive.command } : {}),
      ...(decisive?.response !== undefined ? { response: decisive.response } : {}),
      transient: code === 'EDEFERRED',
      ...(decisive !== undefined ? { cause: decisive } : {}),
    })
    this.deliveries = deliveries
  }
}

/** The per-domain outcomes of a failed direct delivery, or undefined for any other error. */
export const deliveriesOf = (err: unknown): DomainDelivery[] | undefined => (err instanceof MxDeliveryError ? err.deliveries : undefined)
