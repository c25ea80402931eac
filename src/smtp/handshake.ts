import { NO_CAPABILITIES, parseCapabilities, type Capabilities } from './capabilities.js'
import { replyError, type SmtpChannel } from './channel.js'
import { SmtpError } from './errors.js'
import { chooseMechanism, createSaslMechanism } from './sasl.js'
import type { AbortSource, SmtpAuth, TlsMode } from './types.js'

/** Most `334` rounds one AUTH exchange may take before we give up. */
const MAX_SASL_ROUNDS = 4

/** What the opening handshake needs (resolved options with defaults applied). */
export interface HandshakeOptions {
  tls: TlsMode
  ehloName: string
  auth: SmtpAuth | undefined
  /** Deadline for the greeting (what is left of the connect budget). */
  greetingTimeoutMs: number
  commandTimeoutMs: number
  signal: AbortSource | undefined
}

/**
 * Greeting, EHLO (HELO fallback unless TLS is required), STARTTLS and EHLO
 * again (with `opportunistic`, only when offered), then AUTH. Returns the
 * capabilities of the final EHLO.
 */
export async function handshake(channel: SmtpChannel, options: HandshakeOptions): Promise<Capabilities> {
  const { tls, commandTimeoutMs: t, signal } = options
  const greeting = await channel.reply('GREETING', options.greetingTimeoutMs, signal)
  if (greeting.code !== 220) {
    throw replyError('ECONNECT', 'SMTP relay refused the connection', greeting, 'GREETING')
  }
  let caps = await hello(channel, options)
  if ((tls === 'starttls' || (tls === 'opportunistic' && caps.starttls)) && !channel.secure) {
    if (!caps.starttls) {
      throw new SmtpError('ETLS', 'SMTP relay does not offer STARTTLS, which is required', { command: 'STARTTLS', transient: false })
    }
    const reply = await channel.command('STARTTLS', 'STARTTLS', t, signal)
    if (reply.code !== 220) throw replyError('ETLS', 'SMTP relay refused STARTTLS', reply, 'STARTTLS')
    await channel.startTls()
    caps = await hello(channel, options)
  }
  if (options.auth !== undefined) await authenticate(channel, caps, options.auth, options)
  return caps
}

/** EHLO, or HELO when EHLO is refused and TLS is not required. */
async function hello(channel: SmtpChannel, { ehloName, tls, commandTimeoutMs: t, signal }: HandshakeOptions): Promise<Capabilities> {
  const reply = await channel.command(`EHLO ${ehloName}`, 'EHLO', t, signal)
  if (reply.code === 250) return parseCapabilities(reply)
  if (reply.code >= 500 && reply.code !== 554) {
    if (tls === 'starttls' && !channel.secure) {
      throw replyError('ETLS', 'SMTP relay refused EHLO, so STARTTLS (required) is impossible', reply, 'EHLO')
    }
    const helo = await channel.command(`HELO ${ehloName}`, 'HELO', t, signal)
    if (helo.code === 250) return NO_CAPABILITIES
    throw replyError('ECONNECT', 'SMTP relay refused HELO', helo, 'HELO')
  }
  throw replyError('ECONNECT', 'SMTP relay refused EHLO', reply, 'EHLO')
}

async function authenticate(
  channel: SmtpChannel,
  caps: Capabilities,
  auth: SmtpAuth,
  { tls, commandTimeoutMs: t, signal }: HandshakeOptions,
): Promise<void> {
  if (caps.helo) {
    throw new SmtpError('EAUTH', 'SMTP relay does not support EHLO, so AUTH is impossible', { command: 'AUTH', transient: false })
  }
  const method = chooseMechanism(caps.auth, auth, { secure: channel.secure, allowPlaintext: tls === 'none' })
  const sasl = createSaslMechanism(method, auth)
  // The lines written here carry credentials: errors below only ever quote the relay's replies.
  let reply = await channel.command(sasl.initial(), 'AUTH', t, signal)
  for (let round = 0; reply.code === 334; round++) {
    if (round === MAX_SASL_ROUNDS) {
      channel.close()
      throw new SmtpError('EAUTH', `AUTH ${method} did not finish`, { command: 'AUTH', transient: false })
    }
    reply = await channel.command(sasl.respond(reply.lines[0] ?? ''), 'AUTH', t, signal)
  }
  if (reply.code !== 235) throw replyError('EAUTH', `SMTP relay refused AUTH ${method}`, reply, 'AUTH')
}
