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
import type { SmtpSocket, SocketFactory } from '../src/smtp/socket.js'
import { composedMessage } from './lib/message.js'

const COUNT = Number(process.argv[2] ?? 200_000)
const ROUNDS = Number(process.argv[3] ?? 5)
const CONCURRENCY = 64
const { envelope, raw } = composedMessage('receipt')

const encoder = new TextEncoder()
const reply = (text: string) => encoder.encode(text)
const GREETING = reply('220 fake.test ESMTP\r\n')
const EHLO = reply('250-fake.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n')
const OK = reply('250 2.1.0 Ok\r\n')
const GO = reply('354 End data with <CR><LF>.<CR><LF>\r\n')
const QUEUED = reply('250 2.0.0 Ok: queued as 4KQ2M7XW4P\r\n')
const BYE = reply('221 2.0.0 Bye\r\n')

/** A relay in memory: replies to whole command lines and to the content. */
const fakeRelay: SocketFactory = async () => {
  const inbox: Uint8Array[] = [GREETING]
  let waiting: ((chunk: Uint8Array | null) => void) | undefined
  let closed = false
  const deliver = (chunks: Uint8Array[]): void =>
    void setImmediate(() => {
      inbox.push(...chunks)
      if (waiting && inbox.length > 0) {
        const w = waiting
        waiting = undefined
        w(inbox.shift()!)
      }
    })
  const socket: SmtpSocket = {
    secure: false,
    read: () =>
      new Promise((resolve) => {
        if (inbox.length > 0) resolve(inbox.shift()!)
        else if (closed) resolve(null)
        else waiting = resolve
      }),
    write: async (data) => {
      if (typeof data !== 'string') return deliver([QUEUED])
      const out: Uint8Array[] = []
      for (const line of data.split('\r\n')) {
        if (line === '') continue
        if (line.startsWith('EHLO')) out.push(EHLO)
        else if (line === 'DATA') out.push(GO)
        else if (line === 'QUIT') out.push(BYE)
        else out.push(OK)
      }
      deliver(out)
    },
    startTls: async () => {},
    close: () => {
      closed = true
      waiting?.(null)
      waiting = undefined
    },
  }
  return socket
}

async function round(): Promise<number> {
  const pool = createSmtpPool({ host: 'fake.test', port: 25, tls: 'none', ehloName: 'bench.local', size: 5, maxMessages: 100, connect: fakeRelay })
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
