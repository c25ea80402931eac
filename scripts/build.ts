/**
 * `npm run build`: bundles each runtime's entry into dist/.
 * - `dist/index.js`: the Node server as an ES module, also run as `bun dist/index.js`
 *   and `deno run -A dist/index.js`; packages bundled, the capture relay and
 *   Redis in chunks of their own beside it.
 * - `dist/start.cjs`: the same server as a CommonJS entry, what `npm start` runs.
 * - `dist/service.cjs` and its V8 code cache `service.cjs.cache`: the service
 *   as `dist/start.cjs` and `dist/index.js` load it on Node.
 * - `dist/worker.js`: the Cloudflare Workers ES module, everything bundled.
 * - `dist/lambda.js`: the AWS Lambda handler (`lambda.handler`), everything bundled.
 */
import { rmSync } from 'node:fs'
import { build } from 'esbuild'
import { targets } from './build-targets.js'
import { writeCodeCache } from './code-cache.js'

const only = process.argv.slice(2)
rmSync('dist', { recursive: true, force: true })
const chosen = Object.entries(targets).filter(([name]) => only.length === 0 || only.includes(name))
await Promise.all(chosen.map(([, options]) => build(options)))
if (chosen.some(([name]) => name === 'service')) writeCodeCache('dist')
