import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../test/helpers/ports.js'
import { RELAY_PASS, RELAY_USER } from '../../test/runtime/support/relay.js'

const SCRIPT = fileURLToPath(new URL('./aiosmtpd-relay.py', import.meta.url))
const TLS = fileURLToPath(new URL('../../test/fixtures/tls/', import.meta.url))

/** A running aiosmtpd relay (STARTTLS and AUTH with the relay's test credentials). */
export interface AiosmtpdRelay {
  port: number
  stop(): Promise<void>
}

/** The first Python that has aiosmtpd (a pyenv `python3` may not see Debian's package); undefined when none does. */
function pythonWithAiosmtpd(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0)
}

/**
 * Starts bench/runtimes/aiosmtpd-relay.py on 127.0.0.1: a relay that greets at
 * once, unlike smtp-server, which holds its greeting back 100 ms. Undefined
 * when aiosmtpd is not installed (Debian package python3-aiosmtpd).
 */
export async function startAiosmtpdRelay(): Promise<AiosmtpdRelay | undefined> {
  const python = pythonWithAiosmtpd()
  if (python === undefined) return undefined
  const port = await freePort()
  const child = spawn(python, [SCRIPT, String(port), `${TLS}leaf-cert.pem`, `${TLS}leaf-key.pem`, RELAY_USER, RELAY_PASS], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('ready')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`aiosmtpd relay exited with ${String(code)} before it was ready`)))
  })
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
