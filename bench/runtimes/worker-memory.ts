import { memoryOf } from '../lib/stats.js'
import { startWorkerd } from '../../test/runtime/support/workerd.js'

/** Peak RSS of workerd around one request, in bytes. */
export interface PeakRise {
  /** Peak RSS after a warm-up request. */
  before: number
  /** Peak RSS after the measured request. */
  after: number
  status: number
}

/**
 * Starts workerd with `script`, warms it with `warm`, then sends `body` to
 * `POST /send` and reports how far the process's peak RSS (VmHWM) rose: an
 * upper bound of what the isolate needed for that request (the 128 MB
 * Workers limit counts the isolate's memory, not the whole process).
 */
export async function workerPeakRise(script: string, vars: Record<string, string>, warm: string, body: string, headers: Record<string, string>): Promise<PeakRise> {
  const workerd = await startWorkerd(script, { main: { vars } })
  try {
    const post = (b: string) => fetch(`${workerd.urls.main}/send`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: b })
    await (await post(warm)).text()
    const pid = workerd.proc.child.pid!
    const before = (await memoryOf(pid)).hwm
    const res = await post(body)
    await res.text()
    return { before, after: (await memoryOf(pid)).hwm, status: res.status }
  } finally {
    await workerd.stop()
  }
}
