import { describe, expect, it } from 'vitest'
import { newQueueId } from '../../../src/runtime/node/capture-queue-id.js'
import { extractQueueId } from '../../../src/smtp/reply-queue-id.js'

describe('newQueueId', () => {
  it('makes 12 upper-case alphanumerics that the client finds in the reply', () => {
    const ids = Array.from({ length: 200 }, () => newQueueId())
    for (const id of ids) {
      expect(id).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
      expect(extractQueueId(`Ok: queued as ${id}`)).toBe(id)
    }
    expect(new Set(ids).size).toBe(ids.length)
  })
})
