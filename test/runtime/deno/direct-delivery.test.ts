import { binary } from '../support/binaries.js'
import { describeDistDirectDelivery } from '../support/dist-direct.js'

/** Deno's node:dns and node:net carry direct delivery in the Node build, unchanged. */
describeDistDirectDelivery('Deno', () => binary('deno'), ['run', '-A'], ['127.0.11.250', '127.0.11.2'])
