/**
 * The Node entry (`npm start`, bundled as dist/index.js): the service, shut
 * down gracefully on SIGTERM/SIGINT. The logic lives in `service.ts`, which
 * `mailbridge serve` (cli.ts) runs too. The relay's connection is opened
 * first, and the service loaded after it, so that connecting and the relay's
 * greeting overlap the loading (early-relay.ts).
 */
import { connectRelayEarly } from './early-relay.js'

const earlyRelay = connectRelayEarly(process.env)
const { runService } = await import('./service.js')
await runService(process.env, { earlyRelay })
