/**
 * The Node entry (`npm start`, bundled as dist/index.js): the service, shut
 * down gracefully on SIGTERM/SIGINT. The logic lives in `service.ts`, which
 * `mailbridge serve` (cli.ts) runs too.
 */
import { runService } from './service.js'

await runService(process.env)
