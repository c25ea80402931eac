/**
 * The ES module Node entry, bundled as dist/index.js (what Bun, Deno and
 * `node dist/index.js` run; `npm start` runs the CommonJS entry, start.ts):
 * the service, shut down gracefully on SIGTERM/SIGINT. The logic lives in `service.ts`, which
 * `mailbridge serve` (cli.ts) runs too. The relay's connection is opened
 * first, and the service loaded after it, so that connecting and the relay's
 * greeting overlap the loading (early-relay.ts); on Node the service comes
 * from its CommonJS bundle and code cache (load-service.ts).
 */
import { startService } from './load-service.js'

await startService(process.env)
