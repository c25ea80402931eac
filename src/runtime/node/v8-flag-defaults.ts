/**
 * Imported first by every Node entry that loads the service from its code
 * cache (start.ts, load-service.ts, write-code-cache.ts): sets
 * `--max-semi-space-size` back to V8's default once the heap exists.
 *
 * V8 sizes the young generation from that flag only when it creates the
 * heap, so `npm start`'s `--max-semi-space-size=8` keeps its effect (the
 * young generation stays at two 8 MiB semi-spaces). But V8 accepts a code
 * cache only under the flags it was made with, and the cache Node ships for
 * its own modules (undici, http, http2, tls…) was made under the defaults:
 * with the flag still set, every one of those is compiled from its source,
 * about 25 ms of each cold start. With the flag back at its default they
 * load from Node's cache, and mailbridge's own code cache is made and read
 * under the defaults too. Other V8 flags are left as they are.
 *
 * What Node loads before the reset is still compiled from its source:
 * node:v8 itself and the stream modules it requires (about 4 ms under the
 * flag), and in an ES module entry (dist/index.js, dist/cli.js) also every
 * built-in module its bundle imports statically (node:net, node:vm…), since
 * all of an ES module graph's imports load before any module body runs.
 * dist/start.cjs, a CommonJS entry, loads only the former.
 */
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--max-semi-space-size=0')
