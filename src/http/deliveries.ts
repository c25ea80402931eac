import type { DomainDelivery } from '../smtp/mx/types.js'
import type * as z from 'zod'
import type { DomainDeliverySchema } from './response-schemas.js'

/** One `deliveries` entry as `/send` answers it. */
export type DeliveryBody = z.infer<typeof DomainDeliverySchema>

/**
 * What a caller is shown of one domain's outcome (`DELIVERY_MODE=mx`): the
 * client's record in snake case, without the error object.
 */
export function deliveryBody(d: DomainDelivery): DeliveryBody {
  return {
    domain: d.domain,
    status: d.status,
    mx: d.mx,
    queue_id: d.queueId,
    accepted: d.accepted,
    rejected: d.rejected,
    smtp_response: d.response,
    ...(d.detail !== undefined ? { detail: d.detail } : {}),
  }
}
