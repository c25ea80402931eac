import { binary } from '../support/binaries.js'
import { describeDistDkim } from '../support/dist-dkim.js'

/** Bun's Web Crypto signs (RSA and Ed25519) in the Node build, unchanged. */
describeDistDkim('Bun', () => binary('bun'), [])
