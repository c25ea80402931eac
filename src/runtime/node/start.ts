/**
 * The CommonJS entry `npm start` runs, bundled as dist/start.cjs: the
 * service from dist/service.cjs and its code cache, the relay connection
 * opened first (start-service.ts). A CommonJS entry spares Node its ES module
 * loader, about 8 ms of every cold start. dist/index.js does the same as an
 * ES module, for Bun, Deno and `node dist/index.js`.
 */
import './v8-flag-defaults.js'
import { join } from 'node:path'
import { loadServiceBundle, startService } from './start-service.js'

void startService(process.env, () => loadServiceBundle(join(__dirname, 'service.cjs')))
