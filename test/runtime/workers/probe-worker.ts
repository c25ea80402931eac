/**
 * A Worker around the Workers `SmtpSocket`, for what the full service cannot
 * show:
 * - `GET /connect?port=N` opens a socket to 127.0.0.1:N and answers with the
 *   error it failed with (code, message, transient), or `{ ok: true }`;
 * - `GET /starttls-close?port=N&holdMs=M` opens an SMTP session with STARTTLS,
 *   closes it without QUIT, then keeps the request open for M ms (so the
 *   relay can tell our close from the end of the request), and answers with
 *   the type of what `close()` returned (`undefined`: nothing to wait for).
 */
import { isSmtpError } from '../../../src/smtp/errors.js'
import { openSmtpConnection } from '../../../src/smtp/connection.js'
import { createWorkersSocket } from '../../../src/runtime/workers/socket.js'

async function connectOnly(port: number): Promise<Response> {
  const socket = await createWorkersSocket({ host: '127.0.0.1', port, timeoutMs: 5_000 })
  socket.close()
  return Response.json({ ok: true })
}

async function starttlsThenClose(port: number, holdMs: number): Promise<Response> {
  const conn = await openSmtpConnection({ host: '127.0.0.1', port, tls: 'starttls', ehloName: 'probe.test', connect: createWorkersSocket })
  const secure = conn.secure
  // Workers' clock stands still while code runs: what close() gives back, not how long it took, shows it returned at once.
  const closeReturned: unknown = conn.close()
  await new Promise((r) => setTimeout(r, holdMs))
  return Response.json({ ok: true, secure, closeReturned: typeof closeReturned })
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const port = Number(url.searchParams.get('port') ?? '0')
    try {
      if (url.pathname === '/starttls-close') return await starttlsThenClose(port, Number(url.searchParams.get('holdMs') ?? '0'))
      return await connectOnly(port)
    } catch (e) {
      if (!isSmtpError(e)) return Response.json({ ok: false, message: String(e) })
      return Response.json({ ok: false, code: e.code, command: e.command, message: e.message, transient: e.transient })
    }
  },
}
