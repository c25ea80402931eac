/**
 * `npm run bench:compose`: the validator and the MIME composer on their own,
 * in one process, without HTTP or SMTP. For a small message (the receipt), one
 * with a 100 KiB attachment and one with a 10 MiB attachment: messages per
 * second and MB/s (composed message bytes) of CPU time for
 * - validate: the request validation `/send` runs on a parsed JSON body;
 * - compose: `composeMessage` (its own checks included);
 * - both, as `/send` runs them.
 *
 * Usage: `npx tsx bench/compose.ts [seconds per measurement = 1]`.
 */
import { composeMessage } from '../src/mail/index.js'
import { SendRequestSchema } from '../src/http/schemas.js'
import { sendBody } from './lib/message.js'

const SECONDS = Number(process.argv[2] ?? 1)
const KiB = 1024
const MiB = 1024 * KiB

/** Deterministic bytes as base64. */
function base64Of(n: number): string {
  const bytes = new Uint8Array(n)
  let x = 0x2545f491
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  return Buffer.from(bytes).toString('base64')
}

const withAttachment = (bytes: number) => ({
  ...sendBody,
  attachments: [{ filename: 'report.pdf', content: base64Of(bytes), content_type: 'application/pdf' }],
})

/** What `/send` runs on the parsed body before the send pipeline. */
const validate = (body: unknown): void => {
  if (!SendRequestSchema.safeParse(body).success) throw new Error('invalid')
}
const compose = (body: unknown): number => composeMessage(body as Parameters<typeof composeMessage>[0]).raw.length

/** Runs `fn` on fresh parses of `json` for about SECONDS of CPU; returns runs per CPU second. */
function measure(json: string, fn: (body: unknown) => void): number {
  // A fresh parse per run, as each request brings its own body; the parse is not timed.
  const bodies = Array.from({ length: 16 }, () => JSON.parse(json) as unknown)
  for (let i = 0; i < 50; i++) fn(bodies[i % 16]) // warm-up
  let runs = 0
  let cpu = 0
  while (cpu < SECONDS * 1e6) {
    const batch = Math.max(1, Math.min(2000, runs || 1))
    const t0 = process.cpuUsage()
    for (let i = 0; i < batch; i++) fn(bodies[i % 16])
    const t = process.cpuUsage(t0)
    cpu += t.user + t.system
    runs += batch
  }
  return runs / (cpu / 1e6)
}

const cases: [string, unknown][] = [
  ['small (receipt)', sendBody],
  ['100 KiB attachment', withAttachment(100 * KiB)],
  ['10 MiB attachment', withAttachment(10 * MiB)],
]
console.log(`validator and composer alone, ${SECONDS} s of CPU per figure, Node ${process.version}\n`)
console.log('| message | JSON bytes | message bytes | validate msgs/s | compose msgs/s | compose MB/s | both msgs/s | both MB/s |')
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const [name, body] of cases) {
  const json = JSON.stringify(body)
  const size = compose(JSON.parse(json))
  const v = measure(json, validate)
  const c = measure(json, compose)
  const b = measure(json, (x) => {
    validate(x)
    compose(x)
  })
  const mbs = (rate: number) => ((rate * size) / 1e6).toFixed(0)
  console.log(`| ${name} | ${json.length} | ${size} | ${v.toFixed(0)} | ${c.toFixed(0)} | ${mbs(c)} | ${b.toFixed(0)} | ${mbs(b)} |`)
}
