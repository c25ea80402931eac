import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { startScriptNodeFlags } from '../../scripts/start-flags.js'
import { cpuMsOf, memoryOf } from './stats.js'

/** A bench process started from a `bench/servers/*.ts` script. */
export interface BenchChild {
  pid: number
  /** What the script announced when ready (e.g. its HTTP port). */
  ready: Record<string, unknown>
  memory(): Promise<{ hwm: number; rss: number }>
  /** CPU time used so far, ms. */
  cpuMs(): Promise<number>
  /** Sends a request and resolves with the script's reply. */
  request<T>(msg: Record<string, unknown>): Promise<T>
  stop(): Promise<void>
}

const OUT_DIR = fileURLToPath(new URL('../../.bench-tmp/', import.meta.url))
const built = new Map<string, Promise<string>>()

/**
 * Bundles a `bench/servers/*.ts` script to plain JavaScript the way
 * `npm run build` bundles `src/runtime/node/main.ts` (scripts/build-targets.ts), so
 * every contender runs compiled, as in production, with no TypeScript loader
 * in its process.
 */
function compiled(script: string): Promise<string> {
  let out = built.get(script)
  if (!out) {
    const outfile = `${OUT_DIR}${script.replace(/\.ts$/, '.mjs')}`
    out = build({
      entryPoints: [fileURLToPath(new URL(`../servers/${script}`, import.meta.url))],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    }).then(() => outfile)
    built.set(script, out)
  }
  return out
}

/**
 * Forks the compiled `<script>` with plain `node` (one process: /proc/PID is
 * the server itself, so its VmHWM is the server's peak RSS) and waits for
 * `{ready}`. mailbridge also gets the Node flags of package.json's `start` script.
 */
export async function startChild(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<BenchChild> {
  const path = await compiled(script)
  const child: ChildProcess = fork(path, [], {
    execArgv: [...(script === 'mailbridge.ts' ? startScriptNodeFlags() : []), ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)))
    child.once('message', (m) => resolve(m as Record<string, unknown>))
  })
  let seq = 0
  return {
    pid: child.pid!,
    ready,
    memory: () => memoryOf(child.pid!),
    cpuMs: () => cpuMsOf(child.pid!),
    request<T>(msg: Record<string, unknown>) {
      const id = ++seq
      return new Promise<T>((resolve) => {
        const onMessage = (m: unknown) => {
          const reply = m as { id?: number; result?: T }
          if (reply.id !== id) return
          child.off('message', onMessage)
          resolve(reply.result as T)
        }
        child.on('message', onMessage)
        child.send({ ...msg, id })
      })
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
