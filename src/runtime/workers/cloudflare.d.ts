/**
 * The parts of the Workers runtime mailbridge uses, typed here rather than
 * through `@cloudflare/workers-types`, whose globals clash with the DOM and
 * Node types the rest of the project compiles against.
 */

declare module 'cloudflare:sockets' {
  export interface SocketAddress {
    hostname: string
    port: number
  }
  export interface SocketOptions {
    /** `off`: clear text; `on`: TLS from the first byte; `starttls`: clear text until `startTls()`. */
    secureTransport?: 'off' | 'on' | 'starttls'
    allowHalfOpen?: boolean
  }
  export interface SocketInfo {
    remoteAddress?: string
    localAddress?: string
  }
  export interface Socket {
    readonly readable: ReadableStream<Uint8Array>
    readonly writable: WritableStream<Uint8Array>
    /** Resolves once connected; rejects when the connection cannot be made. */
    readonly opened: Promise<SocketInfo>
    /** Settles when the socket is closed (may reject when the peer closed first). */
    readonly closed: Promise<void>
    close(): Promise<void>
    /** Only on a socket opened with `secureTransport: 'starttls'`, once. */
    startTls(options?: { expectedServerHostname?: string }): Socket
  }
  export function connect(address: SocketAddress | string, options?: SocketOptions): Socket
}

declare module 'cloudflare:workers' {
  /** Per-object storage: every operation of one object is serialised with its other events. */
  export interface DurableObjectStorage {
    get<T = unknown>(key: string): Promise<T | undefined>
    put<T>(key: string, value: T): Promise<void>
    delete(key: string): Promise<boolean>
    deleteAll(): Promise<void>
    setAlarm(scheduledTime: number | Date): Promise<void>
    getAlarm(): Promise<number | null>
  }
  export interface DurableObjectState {
    readonly storage: DurableObjectStorage
  }
  export interface DurableObjectId {
    toString(): string
  }
  /** A binding to a Durable Object class; `T` is the object's RPC surface. */
  export interface DurableObjectNamespace<T = unknown> {
    idFromName(name: string): DurableObjectId
    get(id: DurableObjectId): DurableObjectStub<T>
  }
  export type DurableObjectStub<T> = {
    [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never
  }
  export abstract class DurableObject<Env = unknown> {
    protected readonly ctx: DurableObjectState
    protected readonly env: Env
    constructor(ctx: DurableObjectState, env: Env)
  }
  export interface ExecutionContext {
    waitUntil(promise: Promise<unknown>): void
    passThroughOnException(): void
  }
}
