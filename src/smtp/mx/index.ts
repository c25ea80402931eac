/**
 * Direct delivery: a message to each recipient domain's MX hosts, without a
 * relay (RFC 5321 §5.1 routing, RFC 7505 null MX). The DNS resolver is the
 * runtime's, passed in as an {@link MxResolver}.
 */
export { createMxMailer, byDomain, outcome, type MxMailerOptions } from './mailer.js'
export { deliverToDomain, type DomainDeliveryOptions, type MxTlsPolicy } from './deliver.js'
export { MxDeliveryError, deliveriesOf } from './errors.js'
export { byPreference, findRoute, type MxHost, type Route, type RouteOptions } from './route.js'
export { DnsLookupError, failureKind, type DnsFailureKind, type MxRecord, type MxResolver } from './resolver.js'
export type { DeliveryStatus, DomainDelivery } from './types.js'
