import { binary } from '../support/binaries.js'
import { describeDistServer } from '../support/dist-server.js'

/** `deno run -A dist/index.js`: the Node build, unchanged; packages resolve from node_modules through package.json. */
describeDistServer('Deno', () => binary('deno'), ['run', '-A'])
