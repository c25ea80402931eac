import { describe, expect, it } from 'vitest'
import { Counter, Histogram, Registry } from '../../src/metrics/registry.js'

describe('metrics registry: samples resolved once by their labels', () => {
  it('a labelled counter adds to the same sample as inc with those labels, and reports nothing before its first inc', () => {
    const registry = new Registry()
    const c = registry.register(new Counter('t_sends_total', 'Sends.'))
    const sent = c.labelled({ outcome: 'sent' })
    expect(registry.render()).not.toContain('t_sends_total{')
    sent.inc()
    sent.inc(2)
    c.inc({ outcome: 'sent' })
    expect(c.get({ outcome: 'sent' })).toBe(4)
    expect(registry.render()).toContain('t_sends_total{outcome="sent"} 4\n')
    expect(() => sent.inc(-1)).toThrow(RangeError)
  })

  it('a labelled histogram records into the same series as observe with those labels, and reports nothing before its first observation', () => {
    const registry = new Registry()
    const h = registry.register(new Histogram('t_seconds', 'Latency.', [0.1, 1]))
    const ok = h.labelled({ result: 'ok' })
    expect(registry.render()).not.toContain('t_seconds_count')
    ok.observe(0.05)
    h.observe(0.5, { result: 'ok' })
    ok.observe(3)
    expect(h.count({ result: 'ok' })).toBe(3)
    expect(registry.render().split('\n').slice(2, 7)).toEqual([
      't_seconds_bucket{result="ok",le="0.1"} 1',
      't_seconds_bucket{result="ok",le="1"} 2',
      't_seconds_bucket{result="ok",le="+Inf"} 3',
      't_seconds_sum{result="ok"} 3.55',
      't_seconds_count{result="ok"} 3',
    ])
  })
})
