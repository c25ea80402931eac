import { describe, expect, it } from 'vitest'
import { isPublicAddress } from '../../src/smtp/mx/public-address.js'

describe('the addresses direct delivery may connect to', () => {
  it.each([
    '8.8.8.8', '142.250.185.78', '1.1.1.1', '2a00:1450:4001:80b::201a', '2606:4700:4700::1111', '::ffff:8.8.8.8',
  ])('%s is public', (a) => expect(isPublicAddress(a)).toBe(true))

  it.each([
    ['loopback', '127.0.0.1'], ['loopback', '127.8.9.10'], ['loopback', '::1'], ['unspecified', '0.0.0.0'], ['unspecified', '::'],
    ['private', '10.0.0.5'], ['private', '172.16.0.1'], ['private', '172.31.255.255'], ['private', '192.168.1.1'],
    ['carrier-grade NAT', '100.64.0.1'], ['link-local', '169.254.169.254'], ['link-local', 'fe80::1'], ['link-local with a zone', 'fe80::1%eth0'],
    ['unique local', 'fd00::1'], ['multicast', '224.0.0.1'], ['multicast', 'ff02::1'], ['reserved', '240.0.0.1'], ['broadcast', '255.255.255.255'],
    ['documentation', '192.0.2.1'], ['documentation', '198.51.100.7'], ['documentation', '203.0.113.9'], ['documentation', '2001:db8::1'],
    ['benchmarking', '198.18.0.1'], ['IPv4-mapped private', '::ffff:10.0.0.1'], ['IPv4-mapped loopback', '::ffff:7f00:1'], ['NAT64', '64:ff9b::a00:1'],
    ['IPv4-compatible loopback', '::127.0.0.1'], ['IPv4-translated', '::ffff:0:10.0.0.1'], ['6to4', '2002:a00:1::'], ['Teredo', '2001:0:4136:e378::1'], ['site-local', 'fec0::1'],
    ['not an address', 'mx.example.com'], ['not an address', '1.2.3'], ['not an address', '1:2:3'],
  ])('%s %s is not', (_kind, a) => expect(isPublicAddress(a)).toBe(false))
})
