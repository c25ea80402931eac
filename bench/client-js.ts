/**
 * The SMTP client's own JavaScript cost, without system calls: the pool and
 * withRetries (as mailbridge wires them) over an in-memory relay that answers
 * every command at once, on the next turn of the event loop. What the CPU
 * profile cannot separate from the write system calls (about 70 % of the
 * client's CPU against a real sink) shows here alone.
 *
 * Usage: `npx tsx bench/client-js.ts [messages=200000] [rounds=5]`; prints CPU
 * microseconds per message for each round and their median.
 */
import { createSmtpPool } from '../src/smtp/pool.js'
import { withRetries } from '../src/smtp/retry.js'
import { composedMessage } from './lib/message.js'
import { memoryRelay } from './lib/memory-relay.js'

const COUNT = Number(process.argv[2] ?? 200_000)
const ROUNDS = Number(process.argv[3] ?? 5)
const CONCURRENCY = 64
const { envelope, raw } = composedMessage('receipt')

async function round(): Promise<number> {
  const pool = createSmtpPool({ host: 'fake.test', port: 25, tls: 'none', ehloName: 'bench.local', size: 5, maxMessages: 100, connect: memoryRelay })
  const mailer = withRetries(pool, { deadlineMs: 30_000 })
  let next = 0
  const worker = async () => {
    while (next < COUNT) {
      next++
      await mailer.send({ envelope, raw })
    }
  }
  const cpu0 = process.cpuUsage()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const cpu = process.cpuUsage(cpu0)
  await mailer.close()
  return (cpu.user + cpu.system) / COUNT
}

const results: number[] = []
await round() // warm-up
for (let i = 0; i < ROUNDS; i++) {
  const us = await round()
  results.push(us)
  console.log(`round ${i + 1}: ${us.toFixed(2)} us CPU per message`)
}
results.sort((a, b) => a - b)
console.log(`median of ${ROUNDS}: ${results[Math.floor(ROUNDS / 2)]!.toFixed(2)} us CPU per message (${COUNT} messages, ${CONCURRENCY} outstanding, pool of 5)`)
