import { describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/connection.js'
import { SendAbort } from '../../src/smtp/send-abort.js'

describe('SendAbort: one send abort, listened to without an EventTarget', () => {
  it('calls each listener once, in the order added, and none added after the abort', () => {
    const abort = new SendAbort()
    const calls: string[] = []
    abort.addEventListener('abort', () => calls.push('a'))
    abort.addEventListener('abort', () => calls.push('b'))
    abort.abort(new Error('cut'))
    abort.abort(new Error('again'))
    abort.addEventListener('abort', () => calls.push('late'))
    expect(calls).toEqual(['a', 'b'])
    expect(abort.aborted).toBe(true)
    expect((abort.reason as Error).message).toBe('cut')
  })

  it('never calls a removed listener, even one removed by an earlier listener during the abort', () => {
    const abort = new SendAbort()
    const calls: string[] = []
    const second = () => calls.push('second')
    const removed = () => calls.push('removed')
    abort.addEventListener('abort', removed)
    abort.removeEventListener('abort', removed)
    abort.addEventListener('abort', () => {
      calls.push('first')
      abort.removeEventListener('abort', second)
    })
    abort.addEventListener('abort', second)
    abort.abort(undefined)
    expect(calls).toEqual(['first'])
  })

  it('listens where an AbortSignal does: an aborted connection attempt fails with EABORTED', async () => {
    const abort = new SendAbort()
    abort.abort(new Error('before'))
    await expect(openSmtpConnection({ host: '127.0.0.1', port: 1, tls: 'none' }, abort)).rejects.toMatchObject({
      code: 'EABORTED',
      cause: abort.reason,
    })
  })
})
