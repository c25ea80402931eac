import { binary } from '../support/binaries.js'
import { describeDistServer } from '../support/dist-server.js'

/** `bun dist/index.js`: the Node build, unchanged (node:net and node:tls, STARTTLS included). */
describeDistServer('Bun', () => binary('bun'), [])
