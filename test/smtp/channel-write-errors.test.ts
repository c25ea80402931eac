import { describe, expect, it } from 'vitest'
import { SmtpChannel } from '../../src/smtp/channel.js'
import { SmtpError } from '../../src/smtp/errors.js'
import type { SmtpSocket } from '../../src/smtp/socket.js'

/** A socket the relay already closed: writes fail the way the Node socket's do, naming no command. */
function closedSocket(): SmtpSocket & { closes: number } {
  const socket = {
    closes: 0,
    read: async () => null,
    write: async () => {
      throw new SmtpError('ECONNECT', 'connection to the SMTP relay was closed')
    },
    startTls: async () => {},
    close: () => {
      socket.closes++
    },
    secure: false,
  }
  return socket
}

describe('a write on a connection the relay closed (an idle connection it dropped)', () => {
  it('fails with ECONNECT naming the command being written, and closes the channel', async () => {
    const socket = closedSocket()
    const channel = new SmtpChannel(socket)
    const err = await channel.write('MAIL FROM:<a@x.test>\r\n', 'MAIL', 1000).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'ECONNECT', command: 'MAIL', transient: true })
    expect((err as SmtpError).cause).toMatchObject({ message: 'connection to the SMTP relay was closed' })
    expect(channel.open).toBe(false)
    expect(socket.closes).toBe(1)
  })
})
