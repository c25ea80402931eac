import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { testDkimKey } from '../helpers/dkim.js'
import { configIssues as issues } from './config-error.js'

const mx = { DELIVERY_MODE: 'mx', SMTP_EHLO_NAME: 'mail.example.com' }

describe('DELIVERY_MODE, MX_PORT, MX_TLS, MX_CONCURRENCY and DNS_SERVERS', () => {
  it('default to the relay, port 25, opportunistic TLS, five domains at once and the system resolvers', () => {
    expect(loadConfig({}).delivery).toEqual({ mode: 'relay', port: 25, tls: 'may', concurrency: 5, allowPrivateAddresses: false, dnsServers: undefined })
  })

  it('read mx mode and its settings, in any case', () => {
    const { delivery } = loadConfig({ ...mx, DELIVERY_MODE: 'MX', MX_PORT: '2525', MX_TLS: 'Verify', MX_CONCURRENCY: '2', DNS_SERVERS: '127.0.0.1:5353, 192.0.2.53, [2001:db8::53]:53, ::1' })
    expect(delivery).toEqual({ mode: 'mx', port: 2525, tls: 'verify', concurrency: 2, allowPrivateAddresses: false, dnsServers: ['127.0.0.1:5353', '192.0.2.53', '[2001:db8::53]:53', '::1'] })
    expect(loadConfig({ ...mx, MX_ALLOW_PRIVATE: 'true' }).delivery.allowPrivateAddresses).toBe(true)
  })

  it('say what is wrong with each value', () => {
    expect(issues({ DELIVERY_MODE: 'direct', MX_PORT: '0', MX_TLS: 'dane', MX_CONCURRENCY: '1000', DNS_SERVERS: 'dns.example.com,127.0.0.1:99999' })).toEqual([
      'DELIVERY_MODE: must be relay or mx, got "direct"',
      'MX_PORT: must be an integer from 1 to 65535, got "0"',
      'MX_TLS: must be may or require or verify, got "dane"',
      'MX_CONCURRENCY: must be an integer from 1 to 100, got "1000"',
      'DNS_SERVERS: "dns.example.com" is not an IP address (a resolver is named by address: 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53)',
      'DNS_SERVERS: "127.0.0.1:99999" has a port outside 1 to 65535',
    ])
  })
})

describe('startup warnings of direct delivery', () => {
  const dkim = { DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'mail', DKIM_PRIVATE_KEY: testDkimKey('ed25519').privatePem, ALLOWED_SENDERS: '@example.com' }

  it('none with a fully qualified EHLO name and DKIM; no capture relay either, though SMTP_HOST is unset', () => {
    expect(loadConfig({ ...mx, ...dkim }).warnings).toEqual([])
  })

  it('names the relay settings it ignores', () => {
    expect(loadConfig({ ...mx, ...dkim, SMTP_HOST: 'smtp.example.com', SMTP_USER: 'u', SMTP_PASS: 'p', OUTBOX_DIR: './x' }).warnings).toEqual([
      "SMTP_HOST, SMTP_USER, SMTP_PASS, OUTBOX_DIR ignored: DELIVERY_MODE=mx delivers straight to the recipients' MX hosts",
    ])
  })

  it('warns when the EHLO name (or the hostname it defaults to) is not fully qualified', () => {
    for (const name of ['mailhost', 'localhost', 'box.local', '[192.0.2.1]'])
      expect(loadConfig({ ...dkim, DELIVERY_MODE: 'mx', SMTP_EHLO_NAME: name }).warnings).toEqual([expect.stringMatching(/^SMTP_EHLO_NAME ".*" is not a fully qualified domain name/)])
    expect(loadConfig({ ...dkim, DELIVERY_MODE: 'mx' }, { hostname: 'buildbox' }).warnings).toEqual([expect.stringContaining('"buildbox" is not a fully qualified domain name')])
  })

  it('warns when mail would leave unsigned', () => {
    expect(loadConfig(mx).warnings).toEqual([expect.stringMatching(/^DELIVERY_MODE=mx without DKIM: /)])
  })

  it('in relay mode, names the MX settings it ignores', () => {
    expect(loadConfig({ SMTP_HOST: 'smtp.example.com', MX_TLS: 'verify', DNS_SERVERS: '192.0.2.53' }).warnings).toEqual([
      'MX_TLS, DNS_SERVERS ignored: DELIVERY_MODE is relay, so mail goes through the relay',
    ])
  })
})
