import type { Config } from '../../config/load.js'
import { createMailbridge, type Mailbridge } from '../../core/mailbridge.js'
import type { Log } from '../../http/log.js'
import { startCaptureRelay, type CaptureRelay, type CapturedMessage } from './capture-relay.js'
import { createNodeResolver } from './dns.js'
import { createNodeSocket } from './socket.js'

/** A mailbridge for one command, without an HTTP server. */
export interface OneShotMailbridge {
  mailbridge: Mailbridge
  /** The built-in capture relay, when `SMTP_HOST` is unset. */
  captureRelay: CaptureRelay | undefined
  /** QUITs the relay connections and stops the capture relay. */
  close(): Promise<void>
}

/** Options for {@link openOneShot}. */
export interface OneShotOptions {
  /** Receives the core's service events. */
  log: Log
  /** Called for each message the capture relay writes (when `SMTP_HOST` is unset). */
  onCaptured?: (message: CapturedMessage) => void
}

/**
 * The core's assembly on Node sockets, as the server builds it, for commands
 * that run once (`mailbridge check`, `mailbridge send`): the capture relay
 * when `SMTP_HOST` is unset, in-memory stores, no listener.
 *
 * @example
 * ```ts
 * const { mailbridge, close } = await openOneShot(config, { log: textLog })
 * await mailbridge.verify()
 * await close()
 * ```
 */
export async function openOneShot(config: Config, { log, onCaptured }: OneShotOptions): Promise<OneShotMailbridge> {
  const captureRelay =
    config.smtp.host === undefined && config.delivery.mode === 'relay' ? await startCaptureRelay({ outboxDir: config.outboxDir, ...(onCaptured ? { onMessage: onCaptured } : {}) }) : undefined
  try {
    const resolver = createNodeResolver({ servers: config.delivery.dnsServers })
    const mailbridge = createMailbridge(config, { connect: createNodeSocket, log, captureRelay, resolver })
    return {
      mailbridge,
      captureRelay,
      close: async () => {
        await mailbridge.close()
        await captureRelay?.close()
      },
    }
  } catch (e) {
    await captureRelay?.close()
    throw e
  }
}
