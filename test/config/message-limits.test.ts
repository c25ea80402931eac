import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/load.js'
import { configIssues } from './config-error.js'

describe('MAX_REPLY_TO, MAX_HEADERS and MAX_HEADER_BYTES', () => {
  it('default to 10, 50 and 16384', () => {
    expect(loadConfig({})).toMatchObject({ maxReplyTo: 10, maxHeaders: 50, maxHeaderBytes: 16_384 })
  })

  it('take integers', () => {
    expect(loadConfig({ MAX_REPLY_TO: '3', MAX_HEADERS: '7', MAX_HEADER_BYTES: '2048' })).toMatchObject({
      maxReplyTo: 3,
      maxHeaders: 7,
      maxHeaderBytes: 2048,
    })
  })

  it.each(['0', '-1', 'ten', '1.5'])('stop startup naming each variable for %j', (value) => {
    expect(configIssues({ MAX_REPLY_TO: value, MAX_HEADERS: value, MAX_HEADER_BYTES: value })).toEqual([
      expect.stringMatching(/^MAX_REPLY_TO: must be an integer from 1 to /),
      expect.stringMatching(/^MAX_HEADERS: must be an integer from 1 to /),
      expect.stringMatching(/^MAX_HEADER_BYTES: must be an integer from 1 to /),
    ])
  })

  it('are listed among the variables mailbridge reads', () => {
    expect(CONFIG_VARIABLES).toEqual(expect.arrayContaining(['MAX_REPLY_TO', 'MAX_HEADERS', 'MAX_HEADER_BYTES']))
  })
})
