import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, beforeAll } from 'vitest'
import { createRedisStores, type RedisStores, type RedisStoresOptions } from '../../src/store/redis.js'
import { freePort } from './ports.js'

export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p))

export interface RedisServer {
  port: number
  url: string
  /** A new client connected to this server; closed by `stop()`. */
  client(): Redis
  stop(): Promise<void>
}

/**
 * Starts a throw-away `redis-server` on an ephemeral 127.0.0.1 port with no
 * persistence. Installed by `.ci/run` (Debian `redis-server`).
 */
export async function startRedis(): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error('redis-server not found: install Debian redis-server (see .ci/run)')
  const port = await freePort()
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4096)))
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4096)))
  const clients: Redis[] = []
  const url = `redis://127.0.0.1:${port}`
  await waitForPing(url, child, () => output)
  return {
    port,
    url,
    client() {
      const c = new Redis(url, { maxRetriesPerRequest: 1 })
      clients.push(c)
      return c
    },
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())))
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}

/** A redis-server for the enclosing `describe` (or file), started in `beforeAll`. */
export interface RedisFixture {
  readonly port: number
  readonly url: string
  /** A new client connected to the server; closed with it. */
  client(): Redis
  /** The app's Redis stores on this server (one connection); closed before the server stops. */
  stores(options?: Omit<RedisStoresOptions, 'url'>): RedisStores
}

/**
 * Registers `beforeAll`/`afterAll` hooks that start a throw-away redis-server
 * and stop it (closing every client and store made from it first). Use its
 * members inside hooks and tests, not at collection time.
 */
export function useRedis(): RedisFixture {
  let server: RedisServer | undefined
  const stores: RedisStores[] = []
  const started = (): RedisServer => {
    if (!server) throw new Error('redis-server is not started yet: use the fixture inside hooks and tests')
    return server
  }
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()))
    await server?.stop()
  })
  return {
    get port() {
      return started().port
    },
    get url() {
      return started().url
    },
    client: () => started().client(),
    stores(options = {}) {
      const s = createRedisStores({ ...options, url: started().url })
      stores.push(s)
      return s
    },
  }
}

async function waitForPing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${output()}`)
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    probe.on('error', () => {})
    const ok = await probe
      .connect()
      .then(() => probe.ping())
      .then((r) => r === 'PONG')
      .catch(() => false)
    probe.disconnect()
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`redis-server did not answer PING: ${output()}`)
}
