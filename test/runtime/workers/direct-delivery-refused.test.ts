import { describe, expect, it } from 'vitest'
import { useStarted } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { postJson, sendBody } from '../support/message.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { startWorkerd } from '../support/workerd.js'

/** Workers block port 25, the port of every MX host: DELIVERY_MODE=mx is a configuration error there, naming why. */
describe('dist/worker.js on workerd with DELIVERY_MODE=mx', () => {
  const bundle = useStarted(() => buildTarget('worker'), (b) => b.remove())
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
  const workerd = useStarted(
    () => startWorkerd(`${bundle().dir}/worker.js`, { mx: { vars: { ...relayVariables(relay()), API_KEYS: 'k', DELIVERY_MODE: 'mx' } } }),
    (w) => w.stop(),
  )

  it('answers every request 500 naming DELIVERY_MODE, logs the reason, and sends nothing', async () => {
    const res = await postJson(`${workerd().urls.mx}/send`, sendBody(), { apiKey: 'k' })
    expect(res.status).toBe(500)
    const body = (await res.json()) as { variables: string[] }
    expect(body.variables).toEqual(['DELIVERY_MODE'])
    expect(workerd().proc.stderr()).toContain('DELIVERY_MODE: cannot be mx on Workers, which block outbound port 25 (the port MX hosts listen on); use a relay on 587 or 465')
    expect(relay().sessions).toBe(0)
  })
})
