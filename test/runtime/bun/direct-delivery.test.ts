import { binary } from '../support/binaries.js'
import { describeDistDirectDelivery } from '../support/dist-direct.js'

/** Bun's node:dns and node:net carry direct delivery in the Node build, unchanged. */
describeDistDirectDelivery('Bun', () => binary('bun'), [], ['127.0.12.250', '127.0.12.2'])
