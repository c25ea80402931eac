/**
 * The AWS Lambda entry (`dist/lambda.js`, handler `lambda.handler`): mailbridge
 * is built once per execution environment, at import, and serves every warm
 * invocation with the same relay pool. As with `npm start` (main.ts), the
 * relay's connection is opened first and the rest evaluated after it (a
 * dynamic import, which the single-file bundle evaluates lazily), so that
 * connecting and the relay's greeting overlap the initialisation; the first
 * invocation's connection takes it over.
 */
import { connectRelayEarly } from './early-relay.js'

const earlyRelay = connectRelayEarly(process.env)
// Node starts connecting to an IP address on the next tick: let it, before the long synchronous initialisation.
await new Promise((resolve) => process.nextTick(resolve))
const { createLambdaHandler } = await import('./lambda-handler.js')
export const { handler } = await createLambdaHandler(process.env, { earlyRelay })
