/**
 * A Worker around the Workers `SmtpSocket` alone, for what the full service
 * cannot reach: `GET /connect?port=N` opens a socket to 127.0.0.1:N and answers
 * with the error it failed with (code, message, transient), or `{ ok: true }`.
 */
import { isSmtpError } from '../../../src/smtp/errors.js'
import { createWorkersSocket } from '../../../src/runtime/workers/socket.js'

export default {
  async fetch(request: Request): Promise<Response> {
    const port = Number(new URL(request.url).searchParams.get('port') ?? '0')
    try {
      const socket = await createWorkersSocket({ host: '127.0.0.1', port, timeoutMs: 5_000 })
      socket.close()
      return Response.json({ ok: true })
    } catch (e) {
      if (!isSmtpError(e)) return Response.json({ ok: false, message: String(e) })
      return Response.json({ ok: false, code: e.code, command: e.command, message: e.message, transient: e.transient })
    }
  },
}
