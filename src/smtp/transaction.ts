import type { Capabilities } from './capabilities.js'
import { replyError, type SmtpChannel } from './channel.js'
import type { EncodedData } from './data.js'
import type { DataContent } from './data-stream.js'
import { SmtpError, isSmtpError } from './errors.js'
import { extractQueueId } from './reply-queue-id.js'
import { replyText, type SmtpReply } from './reply.js'
import type { AbortSource, Envelope, RecipientRejection, SendResult } from './types.js'

/** Per-transaction settings resolved by the connection. */
export interface TransactionOptions {
  /** An address needs SMTPUTF8 (RFC 6531). */
  smtputf8: boolean
  /** Deadline for each command reply. */
  commandMs: number
  /** Deadline for writing the content and the final dot. */
  contentMs: number
  /** Deadline for the reply to the final dot. */
  dataMs: number
  signal: AbortSource | undefined
}

/**
 * One mail transaction on an open session (RFC 5321 §3.3). With PIPELINING
 * (RFC 2920) MAIL, every RCPT and DATA go out in one write and the replies are
 * matched in order; otherwise one command at a time. Content and the final dot
 * go out in one write (a large message in two, back to back): a warm pipelined
 * send takes two round trips.
 *
 * A refusal before the content leaves the session reusable (RSET). Any failure
 * after the content was written closes it.
 */
export async function runTransaction(
  channel: SmtpChannel,
  caps: Capabilities,
  envelope: Envelope,
  data: EncodedData | Required<DataContent>,
  { smtputf8, commandMs: t, contentMs, dataMs, signal }: TransactionOptions,
): Promise<SendResult> {
  if (smtputf8 && !caps.smtpUtf8) {
    throw new SmtpError('EENVELOPE', 'an address needs SMTPUTF8, which the SMTP relay does not offer', {
      command: 'MAIL',
      transient: false,
    })
  }
  if (caps.size !== null && caps.size > 0 && data.size > caps.size) {
    throw new SmtpError('ESIZE', `message of ${data.size} bytes exceeds the SMTP relay's limit of ${caps.size} bytes`, {
      command: 'MAIL',
      transient: false,
    })
  }
  let mailLine = `MAIL FROM:<${envelope.from}>`
  if (caps.size !== null) mailLine += ` SIZE=${data.size}`
  if (data.eightBit && caps.eightBitMime) mailLine += ' BODY=8BITMIME'
  if (smtputf8) mailLine += ' SMTPUTF8'
  const rcpts = envelope.to

  const accepted: string[] = []
  const rejected: RecipientRejection[] = []
  const rejectedReplies: SmtpReply[] = []
  let dataReply: SmtpReply | null = null

  if (caps.pipelining) {
    let batch = mailLine + '\r\n'
    for (let i = 0; i < rcpts.length; i++) batch += `RCPT TO:<${rcpts[i]}>\r\n`
    batch += 'DATA\r\n'
    await channel.write(batch, 'MAIL', t, signal)
    const mail = closing(await channel.reply('MAIL', t, signal), 'MAIL')
    for (let i = 0; i < rcpts.length; i++) sortRecipient(rcpts[i]!, closing(await channel.reply('RCPT', t, signal), 'RCPT'))
    dataReply = closing(await channel.reply('DATA', t, signal), 'DATA')
    if (mail.code !== 250) await abandon(senderError(mail))
    if (accepted.length === 0) await abandon(recipientsError())
  } else {
    const mail = closing(await channel.command(mailLine, 'MAIL', t, signal), 'MAIL')
    if (mail.code !== 250) await abandon(senderError(mail))
    for (let i = 0; i < rcpts.length; i++) {
      sortRecipient(rcpts[i]!, closing(await channel.command(`RCPT TO:<${rcpts[i]}>`, 'RCPT', t, signal), 'RCPT'))
    }
    if (accepted.length === 0) await abandon(recipientsError())
    dataReply = closing(await channel.command('DATA', 'DATA', t, signal), 'DATA')
  }
  if (dataReply.code !== 354) await abandon(replyError('EMESSAGE', 'SMTP relay refused DATA', dataReply, 'DATA'))

  // The content and the final dot go out in one write, or two for a large
  // message (see encodeData), or piece by piece and then the dot for a message
  // handed over in pieces (see encodeChunks). Until the write that carries the dot completes,
  // the relay cannot have the whole message: a failure then (a reset, or a cut
  // while an earlier chunk is pending) means "not sent" (command CONTENT), and
  // the message may be sent again. A cut while the dot's own write is pending
  // (its bytes may have reached the kernel just before), and any failure after
  // it, leave the outcome unknown.
  if (!channel.open) throw new SmtpError('ECONNECT', 'connection to the SMTP relay was lost before the message was sent', { command: 'CONTENT' })
  /** What was under way: a write of content before the dot, the write carrying the dot, or the wait for the reply. */
  let phase: 'content' | 'dot' | 'reply' = 'content'
  let final: SmtpReply
  try {
    if ('terminator' in data) {
      // Pieces of a large message as they come, then the dot in a write of its own.
      for (const chunk of data.chunks) await channel.write(chunk, 'CONTENT', contentMs, signal)
      const terminator = data.terminator()
      phase = 'dot'
      await channel.write(terminator, 'CONTENT', contentMs, signal)
    } else {
      const { chunks } = data
      for (let i = 0; i < chunks.length; i++) {
        if (i === chunks.length - 1) phase = 'dot'
        await channel.write(chunks[i]!, 'CONTENT', contentMs, signal)
      }
    }
    phase = 'reply'
    final = await channel.reply('MESSAGE', dataMs, signal)
  } catch (err) {
    channel.close()
    if (phase === 'content' || (phase === 'dot' && isSmtpError(err) && err.code === 'ECONNECT')) throw notSent(err)
    throw new SmtpError('EUNKNOWN_OUTCOME', 'connection to the SMTP relay failed while the message was sent or before its reply: delivery unknown', {
      command: 'MESSAGE',
      transient: false,
      cause: err,
    })
  }
  if (final.code !== 250) {
    if (final.code === 421) channel.close()
    throw replyError(final.code === 552 ? 'ESIZE' : 'EMESSAGE', 'SMTP relay refused the message', final, 'MESSAGE')
  }
  return { accepted, rejected, response: final.raw, queueId: extractQueueId(replyText(final)) }

  /**
   * A 421 means the relay is closing the session (RFC 5321 §3.8): close our
   * side too and report it as a lost connection, before any content was sent.
   */
  function closing(reply: SmtpReply, command: 'MAIL' | 'RCPT' | 'DATA'): SmtpReply {
    if (reply.code !== 421) return reply
    channel.close()
    throw replyError('ECONNECT', 'SMTP relay is closing the connection', reply, command)
  }

  function sortRecipient(email: string, reply: SmtpReply): void {
    if (reply.code === 250 || reply.code === 251) {
      accepted.push(email)
    } else {
      rejected.push({ email, code: reply.code, enhanced_code: reply.enhancedCode, message: replyText(reply) })
      rejectedReplies.push(reply)
    }
  }

  function recipientsError(): SmtpError {
    const first = rejectedReplies[0]!
    return new SmtpError('EENVELOPE', `SMTP relay refused every recipient: ${rejected.map((r) => `<${r.email}> ${r.code} ${r.message}`).join('; ')}`, {
      responseCode: first.code,
      ...(first.enhancedCode !== null ? { enhancedCode: first.enhancedCode } : {}),
      command: 'RCPT',
      response: rejectedReplies.map((r) => r.raw).join('\n'),
      recipient: rejected[0]!.email,
      transient: rejectedReplies.every((r) => r.code >= 400 && r.code < 500),
    })
  }

  /**
   * Ends a transaction refused before the content. A `354` to a pipelined DATA
   * after a failed envelope must never be followed by content: the connection
   * is closed instead. Otherwise RSET keeps the session reusable.
   */
  async function abandon(error: SmtpError): Promise<never> {
    if (dataReply !== null && dataReply.code === 354) {
      channel.close()
      throw error
    }
    try {
      const reply = await channel.command('RSET', 'RSET', t, signal)
      if (reply.code !== 250) channel.close()
    } catch {
      channel.close()
    }
    throw error
  }
}

/** A failure while the content was written, before its final dot left: the relay did not get the message. */
function notSent(err: unknown): SmtpError {
  const code = isSmtpError(err) ? err.code : 'ECONNECT'
  const why = err instanceof Error ? err.message : String(err)
  return new SmtpError(code, `the message was not sent (its final dot never left): ${why}`, { command: 'CONTENT', cause: err })
}

function senderError(reply: SmtpReply): SmtpError {
  return replyError(reply.code === 552 ? 'ESIZE' : 'EENVELOPE', 'SMTP relay refused the sender', reply, 'MAIL')
}
