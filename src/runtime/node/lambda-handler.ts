import { hostname } from 'node:os'
import { getConnInfo, handle } from 'hono/aws-lambda'
import type { FrontendsFileOptions } from '../../config/frontends-load.js'
import { ConfigError, type Config } from '../../config/load.js'
import { createMailbridge, type Mailbridge } from '../../core/mailbridge.js'
import { cannotStartMessage, misconfiguredApp } from '../../core/misconfigured.js'
import { loadRuntimeConfig } from '../../core/runtime-config.js'
import { logJsonLine, serviceEvent, type Log, type ServiceEvent } from '../../http/log.js'
import type { RedisStores } from '../../store/redis.js'
import { createNodeResolver } from './dns.js'
import { startRedis } from './redis.js'
import { nodeFileReaders } from './file-readers.js'
import type { EarlyRelayConnection } from './early-relay.js'
import { nodeSocketFactory } from './socket.js'

/** The function `hono/aws-lambda` makes of an app: API Gateway v1/v2, ALB and function URL events in, responses out. */
export type LambdaHandler = ReturnType<typeof handle>

/** Options for {@link createLambdaHandler}. */
export interface LambdaHandlerOptions {
  /** Where log lines go. Default: one JSON line each through `console.log`, written before the invocation ends (CloudWatch). */
  log?: Log
  /** The relay connection lambda.ts opened before loading the rest: the first relay connection takes it over. */
  earlyRelay?: EarlyRelayConnection | undefined
}

/** A Lambda function's mailbridge: the handler, and (when configured) the service behind it. */
export interface LambdaService {
  handler: LambdaHandler
  /** Undefined when the configuration is invalid (every request is then answered 500). */
  mailbridge: Mailbridge | undefined
  /** QUITs the relay connections and closes Redis (for tests; Lambda itself never calls it). */
  close(): Promise<void>
}

/**
 * Configuration for Lambda: `loadConfig` with the function's environment,
 * plus `SMTP_HOST` (no capture relay on Lambda) and `API_KEYS` (a function
 * URL or API is reachable from the network). `readers`: the file readers
 * of `SMTP_TLS_CA_FILE` and `MAILBRIDGE_CONFIG` ({@link nodeFileReaders}).
 *
 * @throws {ConfigError}
 */
export function loadLambdaConfig(env: Readonly<Record<string, string | undefined>>, readers: FrontendsFileOptions): Config {
  return loadRuntimeConfig(env, {
    runtime: 'Lambda',
    ignored: {
      PORT: 'Lambda invokes the handler; nothing listens',
      HOST: 'Lambda invokes the handler; nothing listens',
      OUTBOX_DIR: 'there is no capture relay on Lambda',
    },
    required: {
      // Direct delivery needs no relay (AWS opens port 25 only to functions in a VPC, on request).
      ...(env.DELIVERY_MODE?.trim().toLowerCase() === 'mx' ? {} : { SMTP_HOST: 'there is no built-in capture relay' }),
      API_KEYS: 'a function URL or API is reachable from the network',
    },
    load: { ...readers, hostname: hostname() },
  })
}

/**
 * Builds the Lambda handler once per execution environment (at import, as
 * `lambda.ts` does): the relay pool and the Redis connection live across warm
 * invocations. A pooled connection that died while the environment was
 * frozen is found out before the message is handed over and replaced (see
 * `createSmtpPool`). A bad configuration logs what Node logs before exiting
 * and answers every request 500 naming the variables.
 *
 * @example
 * ```ts
 * export const { handler } = await createLambdaHandler(process.env)
 * ```
 */
export async function createLambdaHandler(
  env: Readonly<Record<string, string | undefined>>,
  { log = logJsonLine, earlyRelay }: LambdaHandlerOptions = {},
): Promise<LambdaService> {
  let config: Config
  try {
    config = loadLambdaConfig(env, await nodeFileReaders(env))
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    console.error(cannotStartMessage(e))
    return { handler: handle(misconfiguredApp(e)), mailbridge: undefined, close: async () => {} }
  }
  const event = (level: ServiceEvent['level'], msg: string) => log(serviceEvent(level, msg))
  for (const warning of config.warnings) event('warn', warning)
  let redis: RedisStores | undefined
  if (config.redisUrl !== undefined) redis = await startRedis(config.redisUrl, config.rateLimitPerMinute, event)
  const mailbridge = createMailbridge(config, {
    connect: nodeSocketFactory(earlyRelay),
    log,
    stores: redis,
    clientAddress: (c) => getConnInfo(c as unknown as Parameters<typeof getConnInfo>[0]).remote.address,
    resolver: config.delivery.mode === 'mx' ? createNodeResolver({ servers: config.delivery.dnsServers }) : undefined,
  })
  return {
    handler: handle(mailbridge.app),
    mailbridge,
    async close() {
      await mailbridge.close()
      await redis?.close()
    },
  }
}
