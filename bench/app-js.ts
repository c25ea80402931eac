/**
 * mailbridge's own JavaScript per `POST /send`, without the relay's system
 * calls: the real app (`createMailbridge` as `startServer` builds it, request
 * log on stdout) on `@hono/node-server`, its relay in memory
 * (bench/lib/memory-relay.ts), driven over loopback by a minimal keep-alive
 * HTTP client in the same process. The client's and the HTTP server's cost are
 * in every figure alike; compare runs of two versions back to back.
 *
 * Usage: `npx tsx bench/app-js.ts [receipt|text2k|batch] [messages per round=30000] [rounds=5] > /dev/null`
 * (the request log goes to stdout); prints CPU microseconds per message for
 * each round, and their median, on stderr.
 */
import { connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createMailbridge } from '../src/core/mailbridge.js'
import { loadNodeConfig } from '../src/runtime/node/node-config.js'
import { writeLogLine } from '../src/runtime/node/server.js'
import { memoryRelay } from './lib/memory-relay.js'
import { MESSAGES } from './lib/message.js'

const KIND = (process.argv[2] ?? 'receipt') as 'receipt' | 'text2k' | 'batch'
const REQUESTS = Number(process.argv[3] ?? 30_000)
const ROUNDS = Number(process.argv[4] ?? 5)
const BATCH = 100
const CONNECTIONS = KIND === 'batch' ? 4 : 64
const perRequest = KIND === 'batch' ? BATCH : 1
const body = KIND === 'batch' ? JSON.stringify(Array.from({ length: BATCH }, () => MESSAGES.receipt)) : JSON.stringify(MESSAGES[KIND])
const path = KIND === 'batch' ? '/send/batch' : '/send'

const config = loadNodeConfig({
  HOST: '127.0.0.1',
  PORT: '0',
  SMTP_HOST: 'fake.test',
  SMTP_PORT: '25',
  SMTP_TLS: 'none',
  SMTP_POOL_SIZE: '5',
  SMTP_POOL_MAX_MESSAGES: '100',
  SMTP_EHLO_NAME: 'bench.local',
})
const mailbridge = createMailbridge(config, { connect: memoryRelay, log: writeLogLine })
const server = serve({ fetch: mailbridge.app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise((resolve) => server.once('listening', resolve))
const { port } = server.address() as AddressInfo
const request = Buffer.from(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)

/** One keep-alive connection sending requests one after the other while `left()` says so. */
function drive(left: () => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1')
    let buffered = ''
    let failed = 0
    const next = () => (left() ? socket.write(request) : (socket.end(), resolve(failed)))
    socket.setEncoding('latin1')
    socket.on('connect', next)
    socket.on('error', reject)
    socket.on('data', (chunk: string) => {
      buffered += chunk
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n')
        if (end === -1) return
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0)
        if (buffered.length < end + 4 + length) return
        if (!buffered.startsWith('HTTP/1.1 200')) failed++
        buffered = buffered.slice(end + 4 + length)
        next()
      }
    })
  })
}

async function round(requests: number): Promise<number> {
  let sent = 0
  const left = () => sent++ < requests
  const cpu0 = process.cpuUsage()
  const failed = (await Promise.all(Array.from({ length: CONNECTIONS }, () => drive(left)))).reduce((a, b) => a + b, 0)
  const cpu = process.cpuUsage(cpu0)
  if (failed > 0) throw new Error(`${failed} requests failed`)
  return (cpu.user + cpu.system) / (requests * perRequest)
}

const perRound = KIND === 'batch' ? Math.ceil(REQUESTS / BATCH) : REQUESTS
await round(Math.ceil(perRound / 5)) // warm-up
const results: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  const us = await round(perRound)
  results.push(us)
  console.error(`round ${i + 1}: ${us.toFixed(1)} us CPU per message`)
}
results.sort((a, b) => a - b)
console.error(`${KIND}: median of ${ROUNDS}: ${results[Math.floor(ROUNDS / 2)]!.toFixed(1)} us CPU per message (${CONNECTIONS} connections)`)
server.close()
await mailbridge.close(1000)
process.exit(0)
