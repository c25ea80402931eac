import { describe, expect, it } from 'vitest'
import { createLineBuffer } from '../../../src/runtime/node/line-buffer.js'

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('log lines are gathered and written once per event-loop turn', () => {
  it('writes the lines of one turn in one write, whole and in order', async () => {
    const writes: string[] = []
    const lines = createLineBuffer({ write: (chunk) => writes.push(chunk) })
    for (let i = 0; i < 100; i++) lines.push(JSON.stringify({ i }))
    expect(writes).toEqual([])
    await nextTurn()
    expect(writes).toHaveLength(1)
    expect(writes[0]!.split('\n')).toEqual([...Array.from({ length: 100 }, (_, i) => `{"i":${i}}`), ''])
    lines.push('later')
    await nextTurn()
    expect(writes).toEqual([writes[0], 'later\n'])
  })

  it('writes at once when the buffer grows past maxChars, never splitting a line', async () => {
    const writes: string[] = []
    const lines = createLineBuffer({ write: (chunk) => writes.push(chunk), maxChars: 100 })
    for (let i = 0; i < 30; i++) lines.push(`line ${String(i).padStart(3, '0')} ${'x'.repeat(10)}`)
    expect(writes.length).toBeGreaterThan(1)
    await nextTurn()
    expect(writes.every((w) => w.endsWith('\n'))).toBe(true)
    const all = writes.join('').split('\n').slice(0, -1)
    expect(all).toEqual(Array.from({ length: 30 }, (_, i) => `line ${String(i).padStart(3, '0')} ${'x'.repeat(10)}`))
  })

  it('flush() writes what is pending at once, and the scheduled turn then writes nothing', async () => {
    const writes: string[] = []
    const lines = createLineBuffer({ write: (chunk) => writes.push(chunk) })
    lines.push('a')
    lines.push('b')
    expect(lines.pending).toBe(4)
    lines.flush()
    expect(writes).toEqual(['a\nb\n'])
    expect(lines.pending).toBe(0)
    await nextTurn()
    expect(writes).toEqual(['a\nb\n'])
  })
})
