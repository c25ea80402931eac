import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/load.js'
import { configIssues } from './config-error.js'

describe('HTTP_REQUEST_TIMEOUT_MS, HTTP_HEADERS_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS and HTTP_MAX_CONNECTIONS', () => {
  it('default to 30 s, 10 s, 5 s and 1024 connections', () => {
    expect(loadConfig({}).httpServer).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024 })
  })

  it('take integers', () => {
    const env = { HTTP_REQUEST_TIMEOUT_MS: '60000', HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000', HTTP_MAX_CONNECTIONS: '10' }
    expect(loadConfig(env).httpServer).toEqual({ requestTimeoutMs: 60_000, headersTimeoutMs: 2_000, keepAliveTimeoutMs: 65_000, maxConnections: 10 })
  })

  it.each(['0', 'soon', '-5'])('stop startup naming each variable for %j', (value) => {
    const env = { HTTP_REQUEST_TIMEOUT_MS: value, HTTP_HEADERS_TIMEOUT_MS: value, HTTP_KEEP_ALIVE_TIMEOUT_MS: value, HTTP_MAX_CONNECTIONS: value }
    expect(configIssues(env)).toEqual([
      expect.stringMatching(/^HTTP_REQUEST_TIMEOUT_MS: must be an integer/),
      expect.stringMatching(/^HTTP_HEADERS_TIMEOUT_MS: must be an integer/),
      expect.stringMatching(/^HTTP_KEEP_ALIVE_TIMEOUT_MS: must be an integer/),
      expect.stringMatching(/^HTTP_MAX_CONNECTIONS: must be an integer/),
    ])
  })

  it('stop startup when the headers may take longer than the whole request (Node would refuse to start)', () => {
    expect(configIssues({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toEqual(['HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (30000)'])
  })

  it('are listed among the variables mailbridge reads', () => {
    expect(CONFIG_VARIABLES).toEqual(
      expect.arrayContaining(['HTTP_REQUEST_TIMEOUT_MS', 'HTTP_HEADERS_TIMEOUT_MS', 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 'HTTP_MAX_CONNECTIONS']),
    )
  })
})
