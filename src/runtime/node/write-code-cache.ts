/**
 * Run by `npm run build` with `npm start`'s Node flags, as dist/code-cache.cjs:
 * loads dist/service.cjs once and writes its V8 code cache beside it
 * (code-cache.ts), for `npm start` to load it without compiling it again.
 */
import { join } from 'node:path'
import { loadCommonJs } from './code-cache.js'

loadCommonJs(join(__dirname, 'service.cjs'), { writeCache: true })
