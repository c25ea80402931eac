import { SmtpError, type SmtpErrorCode } from '../errors.js'
import type { AbortSource, Mailer, OutgoingMessage, SendOptions, SendResult } from '../types.js'
import { deliverToDomain, type DomainDeliveryOptions } from './deliver.js'
import { MxDeliveryError } from './errors.js'
import type { DomainDelivery } from './types.js'

/** Options for {@link createMxMailer}. */
export interface MxMailerOptions extends Omit<DomainDeliveryOptions, 'signal'> {
  /** Most recipient domains of one message delivered to at once. Default 5. */
  concurrency?: number
}

/** The recipients of each domain, in the order they first appear; domains compared in lower case. */
export function byDomain(recipients: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const r of recipients) {
    const domain = r.slice(r.lastIndexOf('@') + 1).toLowerCase()
    const list = groups.get(domain)
    if (list) list.push(r)
    else groups.set(domain, [r])
  }
  return groups
}

/**
 * A `Mailer` that delivers straight to the recipients' MX hosts, without a
 * relay: the recipients are grouped by domain, each domain gets one
 * transaction on its own connection ({@link deliverToDomain}), at most
 * `concurrency` domains at once. Nothing is queued. The result lists every
 * domain's outcome as `deliveries`; it resolves when every domain has the
 * message or refused it for good (at least one accepting), and rejects with
 * an {@link MxDeliveryError} otherwise.
 *
 * @example
 * ```ts
 * const mailer = createMxMailer({ resolver, ehloName: 'mail.example.com' })
 * const { deliveries } = await mailer.send({ envelope: { from, to }, raw })
 * ```
 */
export function createMxMailer({ concurrency = 5, ...options }: MxMailerOptions): Mailer {
  if (!(concurrency >= 1)) throw new RangeError('concurrency must be at least 1')
  const running = new Set<Promise<unknown>>()
  let closed = false

  async function send(message: OutgoingMessage, { signal }: SendOptions = {}): Promise<SendResult> {
    if (closed) throw new SmtpError('EABORTED', 'The mailer is closed')
    const work = deliverAll(message, signal)
    running.add(work)
    try {
      return outcome(await work)
    } finally {
      running.delete(work)
    }
  }

  async function deliverAll(message: OutgoingMessage, signal: AbortSource | undefined): Promise<DomainDelivery[]> {
    const groups = [...byDomain(message.envelope.to)]
    const results: DomainDelivery[] = new Array(groups.length)
    let next = 0
    const worker = async () => {
      for (let i = next++; i < groups.length; i = next++) {
        const [domain, recipients] = groups[i]!
        results[i] = await deliverToDomain(domain, recipients, message, { ...options, signal })
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker))
    return results
  }

  return {
    send,
    async close() {
      closed = true
      await Promise.allSettled(running)
    },
  }
}

const REFUSALS: ReadonlySet<SmtpErrorCode> = new Set(['ENULLMX', 'ENODOMAIN', 'ENOROUTE', 'EENVELOPE', 'EMESSAGE', 'ESIZE'])

/** The answer for a set of domain outcomes: a result when nothing can be gained by sending again, an error otherwise. */
export function outcome(deliveries: DomainDelivery[]): SendResult {
  const of = (status: DomainDelivery['status']) => deliveries.filter((d) => d.status === status)
  const [delivered, deferred, unknown, rejected] = [of('delivered'), of('deferred'), of('unknown'), of('rejected')]
  const names = (list: DomainDelivery[]) => list.map((d) => d.domain).join(', ')
  const also = delivered.length > 0 ? `; delivered to ${names(delivered)}` : ''
  if (deferred.length > 0) {
    const why = deferred.map((d) => (deferred.length > 1 ? `${d.domain}: ${d.detail}` : d.detail)).join('; ')
    throw new MxDeliveryError(
      'EDEFERRED',
      `Not delivered now to ${names(deferred)} (${why}), and not queued: send it again later to the recipients at ${names(deferred)}${also}.`,
      deliveries,
      deferred[0]!.error,
    )
  }
  if (unknown.length > 0) {
    throw new MxDeliveryError(
      'EUNKNOWN_OUTCOME',
      `The connection to ${unknown.map((d) => d.mx ?? d.domain).join(', ')} was lost after the message was handed over: it may or may not have been delivered to ${names(unknown)}${also}.`,
      deliveries,
      unknown[0]!.error,
    )
  }
  if (delivered.length === 0) {
    const first = rejected[0]!
    const why = rejected.map((d) => (rejected.length > 1 ? `${d.domain}: ${d.detail}` : d.detail)).join('; ')
    // A refusal of the session (a 554 greeting) is still a refusal of this message: one of the codes the failure table rejects.
    const code = first.error && REFUSALS.has(first.error.code) ? first.error.code : 'EMESSAGE'
    throw new MxDeliveryError(code, `Refused by ${names(rejected)}: ${why}.`, deliveries, first.error)
  }
  const single = deliveries.length === 1 ? deliveries[0]! : undefined
  return {
    accepted: deliveries.flatMap((d) => d.accepted),
    rejected: deliveries.flatMap((d) => d.rejected),
    response: single ? single.response ?? '' : deliveries.map((d) => `${d.domain}: ${d.response ?? d.detail ?? ''}`).join('\n'),
    queueId: single ? single.queueId : null,
    deliveries,
  }
}
