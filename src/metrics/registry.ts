/**
 * A tiny Prometheus registry: counters, gauges read at scrape time, and
 * histograms, rendered in the text exposition format 0.0.4. Runtime-neutral
 * (no `node:` imports); enough for mailbridge's handful of metrics.
 */

/** Label names to values; every sample of one metric uses the same names. */
export type Labels = Readonly<Record<string, string>>

/** The `Content-Type` of {@link Registry.render}'s output. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

interface Metric {
  readonly name: string
  readonly help: string
  readonly type: 'counter' | 'gauge' | 'histogram'
  /** Sample lines, without HELP/TYPE. */
  samples(): string[]
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
const escapeHelp = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')

function formatLabels(labels: Labels, extra?: [string, string]): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeLabel(labels[k]!)}"`)
  if (extra) parts.push(`${extra[0]}="${escapeLabel(extra[1])}"`)
  return parts.length === 0 ? '' : `{${parts.join(',')}}`
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  return String(v)
}

/** Series keys by label names and values in their given order: each request counts a few, with the same handful of label sets. */
const keys = new Map<string, string>()
const MAX_KEYS = 4096

function keyOf(labels: Labels): string {
  let signature = ''
  for (const k in labels) {
    const v = labels[k]!
    signature += `${k.length}:${k}${v.length}:${v}` // length-prefixed, so no two label sets share one
  }
  let key = keys.get(signature)
  if (key === undefined) {
    for (const k of Object.keys(labels)) if (!LABEL.test(k)) throw new Error(`invalid label name ${JSON.stringify(k)}`)
    key = formatLabels(labels)
    if (keys.size >= MAX_KEYS) keys.clear()
    keys.set(signature, key)
  }
  return key
}

/** One label set of a {@link Counter}, from {@link Counter.labelled}. */
export interface CounterSample {
  /** Adds `by` (default 1). */
  inc(by?: number): void
}

/** One label set of a {@link Histogram}, from {@link Histogram.labelled}. */
export interface HistogramSample {
  /** Records one observation. */
  observe(value: number): void
}

/** A monotonically increasing count per label set. */
export class Counter implements Metric {
  readonly type = 'counter'
  readonly #values = new Map<string, number>()

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  /** Adds `by` (default 1) to the sample with these labels. */
  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new RangeError('a counter only goes up')
    const key = keyOf(labels)
    this.#values.set(key, (this.#values.get(key) ?? 0) + by)
  }

  /** The current value for these labels (0 when never incremented). */
  get(labels: Labels = {}): number {
    return this.#values.get(keyOf(labels)) ?? 0
  }

  /**
   * The sample with these labels, its key worked out once: for a path that
   * counts the same labels for every message. Nothing is reported for it
   * until it is first incremented.
   */
  labelled(labels: Labels): CounterSample {
    const key = keyOf(labels)
    const values = this.#values
    return {
      inc(by = 1) {
        if (!(by >= 0)) throw new RangeError('a counter only goes up')
        values.set(key, (values.get(key) ?? 0) + by)
      },
    }
  }

  samples(): string[] {
    return [...this.#values].map(([key, v]) => `${this.name}${key} ${formatValue(v)}`)
  }
}

/** A value read when scraped, e.g. the pool's open connections. */
export class Gauge implements Metric {
  readonly type = 'gauge'

  constructor(
    readonly name: string,
    readonly help: string,
    /** Returns the samples now: one entry per label set. */
    readonly collect: () => Array<{ labels?: Labels; value: number }>,
  ) {}

  samples(): string[] {
    return this.collect().map(({ labels = {}, value }) => `${this.name}${keyOf(labels)} ${formatValue(value)}`)
  }
}

/** Default buckets (seconds) for SMTP transactions: a warm loopback send to a slow relay. */
export const DEFAULT_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

interface Series {
  counts: number[]
  sum: number
  count: number
}

/** Observations sorted into cumulative buckets, per label set. */
export class Histogram implements Metric {
  readonly type = 'histogram'
  readonly #buckets: readonly number[]
  readonly #series = new Map<string, { labels: Labels; s: Series }>()

  constructor(
    readonly name: string,
    readonly help: string,
    buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    this.#buckets = [...buckets].sort((a, b) => a - b)
  }

  /** Records one observation (e.g. seconds). */
  observe(value: number, labels: Labels = {}): void {
    this.#record(this.#entry(keyOf(labels), labels).s, value)
  }

  /**
   * The series with these labels, its key worked out once: for a path that
   * observes the same labels for every message. Nothing is reported for it
   * until its first observation.
   */
  labelled(labels: Labels): HistogramSample {
    const key = keyOf(labels)
    let series: Series | undefined
    return {
      observe: (value) => this.#record((series ??= this.#entry(key, labels).s), value),
    }
  }

  #entry(key: string, labels: Labels): { labels: Labels; s: Series } {
    let entry = this.#series.get(key)
    if (!entry) {
      entry = { labels, s: { counts: this.#buckets.map(() => 0), sum: 0, count: 0 } }
      this.#series.set(key, entry)
    }
    return entry
  }

  #record(s: Series, value: number): void {
    const buckets = this.#buckets
    for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]!) s.counts[i]!++
    s.sum += value
    s.count++
  }

  /** Observations recorded for these labels. */
  count(labels: Labels = {}): number {
    return this.#series.get(keyOf(labels))?.s.count ?? 0
  }

  samples(): string[] {
    const out: string[] = []
    for (const { labels, s } of this.#series.values()) {
      // counts are already cumulative: each observation was added to every bucket it fits.
      this.#buckets.forEach((le, i) => out.push(`${this.name}_bucket${formatLabels(labels, ['le', formatValue(le)])} ${s.counts[i]}`))
      out.push(`${this.name}_bucket${formatLabels(labels, ['le', '+Inf'])} ${s.count}`)
      out.push(`${this.name}_sum${formatLabels(labels)} ${formatValue(s.sum)}`)
      out.push(`${this.name}_count${formatLabels(labels)} ${s.count}`)
    }
    return out
  }
}

/**
 * Holds metrics and renders them for a scrape.
 *
 * @example
 * ```ts
 * const registry = new Registry()
 * const sent = registry.register(new Counter('app_sent_total', 'Messages sent.'))
 * sent.inc({ outcome: 'sent' })
 * registry.render() // "# HELP app_sent_total Messages sent.\n# TYPE app_sent_total counter\napp_sent_total{outcome=\"sent\"} 1\n"
 * ```
 */
export class Registry {
  readonly #metrics: Metric[] = []

  /** Adds a metric; names must be unique and valid. Returns it. */
  register<M extends Metric>(metric: M): M {
    if (!NAME.test(metric.name)) throw new Error(`invalid metric name ${JSON.stringify(metric.name)}`)
    if (this.#metrics.some((m) => m.name === metric.name)) throw new Error(`metric ${metric.name} registered twice`)
    this.#metrics.push(metric)
    return metric
  }

  /** Every metric in the Prometheus text format, ending with a newline. */
  render(): string {
    let out = ''
    for (const m of this.#metrics) {
      out += `# HELP ${m.name} ${escapeHelp(m.help)}\n# TYPE ${m.name} ${m.type}\n`
      let samples: string[]
      try {
        samples = m.samples()
      } catch {
        samples = [] // a failing collector must not break the scrape
      }
      for (const line of samples) out += `${line}\n`
    }
    return out
  }
}
