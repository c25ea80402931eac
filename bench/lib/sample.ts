/** One measured run of one scenario. */
export interface Sample {
  msgsPerSec: number
  p50: number
  p99: number
  peakRss: number
  /** Messages the contender reported sent (2xx responses, or batch items sent). */
  sent: number
  /** Messages the sink received during the run (the echo sends none). */
  atSink: number
  failures: number
  /** Length of the measured run. */
  seconds: number
  /** CPU time the contender's process spent per message sent, in microseconds. */
  cpuUsPerMsg: number
}

/** What a scenario measures: mailbridge's routes, the HTTP floor, the SMTP client alone, or a batch. */
export type Kind = 'send' | 'echo' | 'client' | 'batch'

/** A scenario's key: `kind:message:contender`, e.g. `send:receipt:mailbridge`. */
export type ScenarioKey = `${Kind}:${string}:${string}`
