/**
 * The esbuild options of each runtime's bundle, shared by `npm run build`
 * (scripts/build.ts) and the tests that run the bundles on their runtimes.
 */
import { dirname, join } from 'node:path'
import type { BuildOptions, Plugin } from 'esbuild'

const common: BuildOptions = { bundle: true, format: 'esm', logLevel: 'warning', legalComments: 'none', minify: true, outdir: 'dist' }

/** `require` for the CommonJS packages bundled into an ES module (ioredis). */
const requireShim = "import { createRequire as __mailbridgeCreateRequire } from 'node:module'; const require = __mailbridgeCreateRequire(import.meta.url);"

/**
 * zod re-exports every locale (`z.locales`); mailbridge only ever uses its
 * default, English. Every bundle leaves the others out: about 300 KB of
 * JavaScript (35 KB gzipped) that each cold start would parse for nothing.
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

/** What every bundle for Node (the server, the CLI, Lambda) shares: packages bundled, `require` for the CommonJS ones, names kept for stack traces. */
const onNode: BuildOptions = { ...common, plugins: [englishOnly], platform: 'node', target: 'node20', banner: { js: requireShim }, keepNames: true }

/** Build target name → esbuild options (output in `dist/`). */
export const targets: Record<'node' | 'worker' | 'lambda', BuildOptions> = {
  node: {
    // Packages bundled too: one file to load instead of hundreds, ~45 ms off a cold start.
    ...onNode,
    entryPoints: { index: 'src/runtime/node/main.ts', cli: 'src/runtime/node/cli.ts' },
    // The capture relay (smtp-server) and Redis (ioredis) are chunks of their own, loaded only when used.
    splitting: true,
  },
  worker: {
    ...common,
    plugins: [englishOnly],
    entryPoints: { worker: 'src/runtime/workers/main.ts' },
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser', 'import'],
    // liquidjs points browsers at its build without Node built-ins through package.json's
    // "browser" field, which the neutral platform does not read.
    alias: { liquidjs: 'liquidjs/dist/liquid.browser.mjs' },
    external: ['cloudflare:*', 'node:async_hooks'],
    target: 'es2022',
  },
  lambda: { ...onNode, entryPoints: { lambda: 'src/runtime/node/lambda.ts' } },
}

