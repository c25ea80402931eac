import { mb, median } from './stats.js'
import type { Sample, ScenarioKey } from './sample.js'

/** The medians of one scenario, and its floor where it has one. */
export interface Row {
  key: ScenarioKey
  msgsPerSec: number
  p50: number
  p99: number
  peakRss: number
  cpuUsPerMsg: number
  /** CPU per message of the floor measured in the same run: echo + client alone for `/send`, the client alone for a batch. */
  cpuFloor: number | undefined
  sent: number
  atSink: number
  failures: number
}

/** The medians of every scenario, with the floors measured in the same run. */
export function rows(samples: Map<ScenarioKey, Sample[]>): Row[] {
  const med = (key: ScenarioKey, field: keyof Sample) => median((samples.get(key) ?? []).map((s) => s[field]))
  const has = (key: ScenarioKey) => samples.has(key)
  const floorOf = (key: ScenarioKey): number | undefined => {
    const [kind, message] = key.split(':') as [string, string]
    const client: ScenarioKey = `client:${message}:mailbridge`
    const echo: ScenarioKey = `echo:${message}:hono`
    if (kind === 'send' && has(client) && has(echo)) return med(echo, 'cpuUsPerMsg') + med(client, 'cpuUsPerMsg')
    if (kind === 'batch' && has(client)) return med(client, 'cpuUsPerMsg')
    return undefined
  }
  return [...samples].map(([key, list]) => ({
    key,
    msgsPerSec: med(key, 'msgsPerSec'),
    p50: med(key, 'p50'),
    p99: med(key, 'p99'),
    peakRss: med(key, 'peakRss'),
    cpuUsPerMsg: med(key, 'cpuUsPerMsg'),
    cpuFloor: floorOf(key),
    sent: list.reduce((a, s) => a + s.sent, 0),
    atSink: list.reduce((a, s) => a + s.atSink, 0),
    failures: list.reduce((a, s) => a + s.failures, 0),
  }))
}

/** The Markdown table of docs/performance.md. */
export function table(all: Row[]): string {
  const lines = [
    '| scenario | msgs/s | p50 ms | p99 ms | peak RSS MiB | CPU µs/msg | CPU floor µs/msg | ÷ floor | sent (all rounds) | at sink | failures |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of all) {
    const echo = r.key.startsWith('echo:')
    const match = echo || r.sent === r.atSink ? '' : ' MISMATCH'
    const floor = r.cpuFloor === undefined ? '' : r.cpuFloor.toFixed(0)
    const ratio = r.cpuFloor === undefined ? '' : `${(r.cpuUsPerMsg / r.cpuFloor).toFixed(2)}×`
    lines.push(
      `| ${r.key} | ${r.msgsPerSec.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${mb(r.peakRss)} | ${r.cpuUsPerMsg.toFixed(0)} | ${floor} | ${ratio} | ${r.sent} | ${echo ? '–' : r.atSink}${match} | ${r.failures} |`,
    )
  }
  return lines.join('\n')
}

const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED')

/** One line per target the rows allow to check, each with the figures it compares. */
export function targets(all: Row[]): string[] {
  const row = (key: ScenarioKey) => all.find((r) => r.key === key)
  const out: string[] = []
  for (const message of ['receipt', 'text2k']) {
    const m = row(`send:${message}:mailbridge`)
    const ref = row(`send:${message}:reference`)
    if (m?.cpuFloor !== undefined) {
      const x = m.cpuUsPerMsg / m.cpuFloor
      out.push(`/send ${message} CPU: ${m.cpuUsPerMsg.toFixed(0)} µs/msg = ${x.toFixed(2)}× the floor of ${m.cpuFloor.toFixed(0)} (echo + client alone) (target <= 1.3×) ${verdict(x <= 1.3)}`)
    }
    if (m && ref) {
      const t = m.msgsPerSec / ref.msgsPerSec
      const p = m.p99 / ref.p99
      out.push(`/send ${message} throughput: ${m.msgsPerSec.toFixed(0)} msg/s = ${t.toFixed(2)}× the reference's ${ref.msgsPerSec.toFixed(0)} (target >= 3×) ${verdict(t >= 3)}`)
      out.push(`/send ${message} p99: ${m.p99.toFixed(1)} ms = ${p.toFixed(2)}× the reference's ${ref.p99.toFixed(1)} ms (target <= 1×) ${verdict(p <= 1)}`)
    }
  }
  const batch = row('batch:receipt:mailbridge')
  if (batch) {
    out.push(`batch throughput: ${batch.msgsPerSec.toFixed(0)} msg/s (target >= 8000) ${verdict(batch.msgsPerSec >= 8000)}`)
    if (batch.cpuFloor !== undefined) {
      const x = batch.cpuUsPerMsg / batch.cpuFloor
      out.push(`batch CPU: ${batch.cpuUsPerMsg.toFixed(0)} µs/msg = ${x.toFixed(2)}× the client alone's ${batch.cpuFloor.toFixed(0)} (target <= 1.5×) ${verdict(x <= 1.5)}`)
    }
  }
  const client = row('client:receipt:mailbridge')
  const nodemailer = row('client:receipt:nodemailer')
  if (client && nodemailer) {
    const c = client.msgsPerSec / nodemailer.msgsPerSec
    out.push(`client alone mailbridge/nodemailer: ${c.toFixed(2)}× (target >= 2×) ${verdict(c >= 2)}`)
  }
  return out
}
