import { createServer, type Socket } from 'node:net'
import { createSmtpInput, verbOf } from '../helpers/smtp-input.js'
import { draw, mulberry32 } from './prng.js'

/** Every fault the relay can inject, with its probability per opportunity. */
export const FAULTS = {
  /** New connection: closed before the greeting. */
  connect_drop: 0.03,
  /** New connection: `421` greeting and close. */
  connect_421: 0.03,
  /** New connection: no greeting at all (the client's connect timeout fires). */
  connect_stall: 0.02,
  /** MAIL: connection dropped with no reply (e.g. an idle connection the relay timed out). */
  mail_drop: 0.02,
  /** MAIL: `451` (transient). */
  mail_451: 0.04,
  /** MAIL: `421` and close. */
  mail_421: 0.02,
  /** MAIL: no reply (the client's command timeout fires). */
  mail_stall: 0.01,
  /** RCPT: `452` for every recipient of the transaction. */
  rcpt_452: 0.04,
  /** DATA: connection dropped before `354`. */
  data_drop: 0.02,
  /** After `354`: connection dropped before the final dot is read; the message is not kept. */
  content_drop: 0.02,
  /** Final dot: message kept, connection dropped before the `250` (the client cannot know). */
  dot_drop_kept: 0.02,
  /** Final dot: connection dropped, message not kept. */
  dot_drop_lost: 0.01,
  /** Final dot: message kept, no reply ever (the client's data timeout fires). */
  dot_stall_kept: 0.01,
  /** Final dot: `451`, message not kept. */
  dot_451: 0.03,
} as const

export type FaultKind = keyof typeof FAULTS

export interface ChaosRelay {
  port: number
  /** Times each logical message (by id) was accepted and kept. */
  accepted: Map<string, number>
  /** Faults injected, by kind. */
  faults: Record<FaultKind, number>
  connections: number
  close(): Promise<void>
}

/** The logical message id, carried in the envelope sender `m-<id>@…`. */
const idOf = (mailLine: string): string | undefined => /FROM:<m-([^@>]+)@/i.exec(mailLine)?.[1]

/**
 * A scripted SMTP relay on 127.0.0.1 (PIPELINING, 8BITMIME) that injects the
 * faults of {@link FAULTS} from a seeded PRNG: connection-level faults from one
 * sequence in connection order, message-level faults from (seed, message id,
 * the relay's attempt number for that id, stage), so a message sees the same
 * faults on every run. Counts what it accepted per message id.
 */
export async function startChaosRelay(seed: number, faults: Partial<Record<FaultKind, number>> = FAULTS): Promise<ChaosRelay> {
  const p = { ...Object.fromEntries(Object.keys(FAULTS).map((k) => [k, 0])), ...faults } as Record<FaultKind, number>
  const connectionRandom = mulberry32(seed)
  const attempts = new Map<string, number>()
  const sockets = new Set<Socket>()
  const relay: ChaosRelay = {
    port: 0,
    accepted: new Map(),
    faults: Object.fromEntries(Object.keys(FAULTS).map((k) => [k, 0])) as Record<FaultKind, number>,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
  const inject = (kind: FaultKind): true => {
    relay.faults[kind]++
    return true
  }
  /** Picks at most one fault among `kinds` with one draw `r`. */
  const pick = (r: number, kinds: FaultKind[]): FaultKind | undefined => {
    let acc = 0
    for (const k of kinds) {
      acc += p[k]
      if (r < acc) return k
    }
    return undefined
  }

  const server = createServer((socket) => {
    sockets.add(socket)
    relay.connections++
    socket.setNoDelay(true)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    const opening = pick(connectionRandom(), ['connect_drop', 'connect_421', 'connect_stall'])
    if (opening && inject(opening)) {
      if (opening === 'connect_drop') return socket.destroy()
      if (opening === 'connect_421') return void socket.end('421 4.3.2 chaos: service not available\r\n')
      return // connect_stall: say nothing, read nothing
    }
    socket.write('220 chaos.test ESMTP\r\n')

    const input = createSmtpInput()
    let inData = false
    let dead = false
    /** The transaction: message id, its attempt number, accepted recipients. */
    let tx: { id: string; attempt: number; rcpts: number } | undefined
    const stage = (name: string): number => draw(seed, tx!.id, tx!.attempt, name)
    const kill = () => {
      dead = true
      socket.destroy()
    }
    const stall = () => {
      dead = true // keep the socket open, never answer again
    }

    socket.on('data', (chunk) => {
      if (dead) return
      input.push(chunk)
      for (;;) {
        if (dead) return
        if (inData) {
          if (input.content() === undefined) return
          inData = false
          const t = tx!
          tx = undefined
          const fault = pick(draw(seed, t.id, t.attempt, 'dot'), ['dot_drop_kept', 'dot_drop_lost', 'dot_stall_kept', 'dot_451'])
          const keep = fault === undefined || fault === 'dot_drop_kept' || fault === 'dot_stall_kept'
          if (keep) relay.accepted.set(t.id, (relay.accepted.get(t.id) ?? 0) + 1)
          if (fault && inject(fault)) {
            if (fault === 'dot_451') socket.write('451 4.3.0 chaos: try again later\r\n')
            else if (fault === 'dot_stall_kept') stall()
            else kill()
            continue
          }
          socket.write(`250 2.0.0 Ok: queued as C${t.id}x${t.attempt}\r\n`)
          continue
        }
        const line = input.line()
        if (line === undefined) return
        const verb = verbOf(line)
        if (verb === 'EHLO') socket.write('250-chaos.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n')
        else if (verb === 'MAIL') {
          const id = idOf(line) ?? 'unknown'
          const attempt = (attempts.get(id) ?? 0) + 1
          attempts.set(id, attempt)
          tx = { id, attempt, rcpts: 0 }
          const fault = pick(stage('mail'), ['mail_drop', 'mail_451', 'mail_421', 'mail_stall'])
          if (fault && inject(fault)) {
            if (fault === 'mail_drop') return kill()
            if (fault === 'mail_stall') return stall()
            if (fault === 'mail_421') {
              dead = true
              return void socket.end('421 4.3.2 chaos: closing\r\n')
            }
            tx = undefined
            socket.write('451 4.3.0 chaos: local error in processing\r\n')
            continue
          }
          socket.write('250 2.1.0 Ok\r\n')
        } else if (verb === 'RCPT') {
          if (!tx) socket.write('503 5.5.1 Error: need MAIL command\r\n')
          else if (stage('rcpt') < p.rcpt_452) {
            // The same draw for every RCPT of the transaction: all of them get the 452.
            if (tx.rcpts !== -1) inject('rcpt_452')
            tx.rcpts = -1
            socket.write('452 4.5.3 chaos: insufficient system storage\r\n')
          } else {
            if (tx.rcpts >= 0) tx.rcpts++
            socket.write('250 2.1.5 Ok\r\n')
          }
        } else if (verb === 'DATA') {
          if (!tx) socket.write('503 5.5.1 Error: need MAIL command\r\n')
          else if (tx.rcpts <= 0) {
            tx = undefined
            socket.write('554 5.5.1 Error: no valid recipients\r\n')
          } else {
            const fault = pick(stage('data'), ['data_drop', 'content_drop'])
            if (fault && inject(fault)) {
              if (fault === 'data_drop') return kill()
              socket.write('354 End data with <CR><LF>.<CR><LF>\r\n')
              return kill() // content_drop: the dot is never read
            }
            socket.write('354 End data with <CR><LF>.<CR><LF>\r\n')
            inData = true
          }
        } else if (verb === 'RSET') {
          tx = undefined
          socket.write('250 2.0.0 Ok\r\n')
        } else if (verb === 'QUIT') {
          dead = true
          return void socket.end('221 2.0.0 Bye\r\n')
        } else socket.write('250 2.0.0 Ok\r\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  relay.port = typeof addr === 'object' && addr ? addr.port : 0
  return relay
}
