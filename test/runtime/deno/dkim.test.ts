import { binary } from '../support/binaries.js'
import { describeDistDkim } from '../support/dist-dkim.js'

/** Deno's Web Crypto signs (RSA and Ed25519) in the Node build, unchanged. */
describeDistDkim('Deno', () => binary('deno'), ['run', '-A'])
