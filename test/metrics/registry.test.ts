import { describe, expect, it } from 'vitest'
import { Counter, Gauge, Histogram, Registry } from '../../src/metrics/registry.js'

describe('metrics registry: Prometheus text format', () => {
  it('renders HELP, TYPE and one line per label set, escaping label values', () => {
    const registry = new Registry()
    const c = registry.register(new Counter('t_requests_total', 'Requests.\nSecond line'))
    c.inc({ route: '/send', status: '200' })
    c.inc({ status: '200', route: '/send' }, 2)
    c.inc({ route: 'a"b\\c\nd', status: '500' })
    registry.register(new Gauge('t_queue', 'Queue.', () => [{ labels: { relay: 'primary' }, value: 3 }]))
    registry.register(new Gauge('t_empty', 'Nothing yet.', () => []))
    expect(registry.render()).toBe(
      [
        '# HELP t_requests_total Requests.\\nSecond line',
        '# TYPE t_requests_total counter',
        't_requests_total{route="/send",status="200"} 3',
        't_requests_total{route="a\\"b\\\\c\\nd",status="500"} 1',
        '# HELP t_queue Queue.',
        '# TYPE t_queue gauge',
        't_queue{relay="primary"} 3',
        '# HELP t_empty Nothing yet.',
        '# TYPE t_empty gauge',
        '',
      ].join('\n'),
    )
  })

  it('renders cumulative histogram buckets with +Inf, sum and count', () => {
    const registry = new Registry()
    const h = registry.register(new Histogram('t_seconds', 'Latency.', [0.1, 1]))
    h.observe(0.05, { result: 'ok' })
    h.observe(0.5, { result: 'ok' })
    h.observe(3, { result: 'ok' })
    expect(registry.render().split('\n').slice(2, 7)).toEqual([
      't_seconds_bucket{result="ok",le="0.1"} 1',
      't_seconds_bucket{result="ok",le="1"} 2',
      't_seconds_bucket{result="ok",le="+Inf"} 3',
      't_seconds_sum{result="ok"} 3.55',
      't_seconds_count{result="ok"} 3',
    ])
  })

  it('refuses invalid or duplicate names and counters going down; a failing gauge does not break the scrape', () => {
    const registry = new Registry()
    expect(() => registry.register(new Counter('bad-name', 'x'))).toThrow(/invalid metric name/)
    registry.register(new Counter('ok_total', 'x'))
    expect(() => registry.register(new Counter('ok_total', 'x'))).toThrow(/twice/)
    expect(() => new Counter('c_total', 'x').inc({}, -1)).toThrow(RangeError)
    expect(() => new Counter('c_total', 'x').inc({ 'bad-label': 'v' })).toThrow(/invalid label name/)
    registry.register(
      new Gauge('broken', 'x', () => {
        throw new Error('pool gone')
      }),
    )
    expect(registry.render()).toContain('# TYPE broken gauge\n')
  })
})
