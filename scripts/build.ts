/**
 * `npm run build`: bundles each runtime's entry into dist/.
 * - `dist/index.js`: the Node server (`npm start`), also run as `bun dist/index.js`
 *   and `deno run -A dist/index.js`; packages stay in node_modules.
 * - `dist/worker.js`: the Cloudflare Workers ES module, everything bundled.
 * - `dist/lambda.js`: the AWS Lambda handler (`lambda.handler`), everything bundled.
 */
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { build, type BuildOptions, type Plugin } from 'esbuild'

const common: BuildOptions = { bundle: true, format: 'esm', logLevel: 'warning', legalComments: 'none' }

/** `require` for the CommonJS packages bundled into an ES module (ioredis). */
const requireShim = "import { createRequire as __mailbridgeCreateRequire } from 'node:module'; const require = __mailbridgeCreateRequire(import.meta.url);"

/**
 * zod re-exports every locale (`z.locales`); mailbridge only ever uses its
 * default, English. For the Worker, whose size counts, the other locales are
 * left out (about 35 KB gzipped).
 */
const englishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]zod[\\/]/.test(importer) ? { path: join(dirname(importer), '../locales/en.js'), namespace: 'zod-locales' } : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, ({ path }) => ({
      contents: `export { default as en } from ${JSON.stringify(path)}`,
      resolveDir: dirname(path),
    }))
  },
}

export const targets: Record<string, BuildOptions> = {
  node: {
    ...common,
    entryPoints: { index: 'src/runtime/node/main.ts' },
    splitting: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: 'dist',
  },
  worker: {
    ...common,
    entryPoints: { worker: 'src/runtime/workers/main.ts' },
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser', 'import'],
    external: ['cloudflare:*', 'node:async_hooks'],
    target: 'es2022',
    minify: true,
    plugins: [englishOnly],
    outdir: 'dist',
  },
  lambda: {
    ...common,
    entryPoints: { lambda: 'src/runtime/node/lambda.ts' },
    platform: 'node',
    target: 'node20',
    banner: { js: requireShim },
    minify: true,
    keepNames: true,
    outdir: 'dist',
  },
}

const only = process.argv.slice(2)
rmSync('dist', { recursive: true, force: true })
await Promise.all(Object.entries(targets).filter(([name]) => only.length === 0 || only.includes(name)).map(([, options]) => build(options)))
