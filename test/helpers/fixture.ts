import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'

/**
 * Registers `beforeAll`/`afterAll` hooks in the enclosing `describe` (or file)
 * that start a peer with `start()` and stop it with `stop` (default: its
 * `close()`). Returns an accessor for the started peer: call it inside hooks
 * and tests, not at collection time. Hooks registered later run their
 * `afterAll` first, so a fixture that uses an earlier one stops before it.
 */
export function useStarted<T extends { close(): Promise<unknown> }>(start: () => Promise<T>): () => T
export function useStarted<T>(start: () => Promise<T>, stop: (started: T) => Promise<unknown> | unknown): () => T
export function useStarted<T>(
  start: () => Promise<T>,
  stop: (started: T) => Promise<unknown> | unknown = (started) => (started as { close(): Promise<unknown> }).close(),
): () => T {
  let started: T | undefined
  beforeAll(async () => {
    started = await start()
  })
  afterAll(async () => {
    if (started !== undefined) await stop(started)
  })
  return () => {
    if (started === undefined) throw new Error('fixture not started yet: use it inside hooks and tests')
    return started
  }
}

/**
 * A fresh directory `<os tmp>/<prefix>XXXXXX` for the enclosing `describe`,
 * made in `beforeAll` and removed with its contents in `afterAll` (after the
 * fixtures registered later, which may still use it, have stopped).
 */
export function useTempDir(prefix: string): () => string {
  return useStarted(
    () => mkdtemp(join(tmpdir(), prefix)),
    (dir) => rm(dir, { recursive: true, force: true }),
  )
}
