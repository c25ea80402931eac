/**
 * Run by extra-ca-node-default.test.ts in a process of its own (Node reads
 * NODE_EXTRA_CA_CERTS at start): opens an implicit-TLS connection to each
 * port given, trusting the CA file given as `SMTP_TLS_CA_FILE` would, and
 * prints one JSON line of `port → "ok" | error code`.
 */
import { readFileSync } from 'node:fs'
import { createNodeSocket } from '../../../src/runtime/node/socket.js'

const [caFile, ...ports] = process.argv.slice(2)
const ca = readFileSync(caFile!, 'utf8')
const results: Record<string, string> = {}
for (const port of ports) {
  try {
    const socket = await createNodeSocket({ host: '127.0.0.1', port: Number(port), implicitTls: true, ca, timeoutMs: 10_000 })
    socket.close()
    results[port] = 'ok'
  } catch (e) {
    results[port] = (e as { code?: string }).code ?? String(e)
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`)
