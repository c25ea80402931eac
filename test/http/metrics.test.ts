import { describe, expect, it } from 'vitest'
import { createMetrics } from '../../src/metrics/mailbridge.js'
import { postJson, testApp, validMail } from './fake-mailer.js'

describe('GET /metrics', () => {
  it('serves the Prometheus text format with requests by route, method and status', async () => {
    const { app } = testApp()
    await app.request('/send', postJson(validMail()))
    await app.request('/send', postJson('{not json'))
    await app.request('/healthz')
    await app.request('/wp-login.php')
    const res = await app.request('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    const text = await res.text()
    expect(text).toContain('# TYPE mailbridge_http_requests_total counter\n')
    expect(text).toContain('mailbridge_http_requests_total{method="POST",route="/send",status="200"} 1\n')
    expect(text).toContain('mailbridge_http_requests_total{method="POST",route="/send",status="400"} 1\n')
    expect(text).toContain('mailbridge_http_requests_total{method="GET",route="/healthz",status="200"} 1\n')
    // Unknown paths share one label value, so scanners cannot grow the series.
    expect(text).toContain('mailbridge_http_requests_total{method="GET",route="other",status="404"} 1\n')
    expect(text).not.toContain('wp-login')
  })

  it('counts idempotent replays', async () => {
    const metrics = createMetrics()
    const { app, mailer } = testApp({ metrics })
    const init = () => postJson(validMail(), { 'Idempotency-Key': 'order-1' })
    expect((await app.request('/send', init())).status).toBe(200)
    const replay = await app.request('/send', init())
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(mailer.sent).toHaveLength(1)
    expect(metrics.replays.get()).toBe(1)
    expect(await (await app.request('/metrics')).text()).toContain('mailbridge_idempotent_replays_total 1\n')
  })

  it('is in the OpenAPI document as text/plain', async () => {
    const { app } = testApp()
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, { content: object }> } }> }
    expect(Object.keys(doc.paths['/metrics']!.get!.responses['200']!.content)).toEqual(['text/plain'])
  })
})
