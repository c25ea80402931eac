import { defineConfig } from 'vitest/config'

/** Suites that load the machine on their own: they run last, alone, so no other test competes with them for the cores. */
const HEAVY = ['test/core/fault-injection.test.ts']

export default defineConfig({
  test: {
    // Worker threads start and import faster than child processes here (a quarter off the HTTP, mail and config suites);
    // tests that need a process of their own spawn it themselves.
    pool: 'threads',
    setupFiles: ['test/setup/node-socket.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    allowOnly: false,
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: HEAVY, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'heavy', include: HEAVY, sequence: { groupOrder: 1 } } },
    ],
  },
})
