import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

/** What the handler returned for one invocation (API Gateway / function URL response). */
export interface LambdaResult {
  statusCode: number
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  body: string
  isBase64Encoded?: boolean
}

/** The Lambda Runtime API on 127.0.0.1, played by the test. */
export interface RuntimeApi {
  /** `host:port`, for AWS_LAMBDA_RUNTIME_API. */
  address: string
  /** Whether the runtime client is waiting for an event (idle, as a frozen environment is). */
  readonly waiting: boolean
  /** Hands `event` to the runtime client and resolves with the handler's result. */
  invoke(event: unknown): Promise<LambdaResult>
  /** What the client reported through `/init/error`, if anything. */
  readonly initError: unknown
  stop(): Promise<void>
}

/** Starts a {@link RuntimeApi}: `next` is held open until the test invokes. */
export async function startRuntimeApi(): Promise<RuntimeApi> {
  const waitingClients: ServerResponse[] = []
  const queued: Array<{ id: string; event: unknown }> = []
  const pending = new Map<string, { resolve(r: LambdaResult): void; reject(e: Error): void }>()
  let initError: unknown

  const body = (req: IncomingMessage) =>
    new Promise<unknown>((resolve) => {
      let text = ''
      req.setEncoding('utf8').on('data', (d: string) => (text += d))
      req.on('end', () => resolve(text === '' ? undefined : JSON.parse(text)))
    })
  const deliver = (res: ServerResponse, { id, event }: { id: string; event: unknown }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'lambda-runtime-aws-request-id': id, 'lambda-runtime-deadline-ms': String(Date.now() + 30_000) })
    res.end(JSON.stringify(event))
  }

  const server = createServer(async (req, res) => {
    const url = req.url ?? ''
    if (req.method === 'GET' && url.endsWith('/invocation/next')) {
      const item = queued.shift()
      if (item) deliver(res, item)
      else waitingClients.push(res)
      return
    }
    const payload = await body(req)
    const done = /\/invocation\/([^/]+)\/(response|error)$/.exec(url)
    if (done) {
      const waiter = pending.get(done[1]!)
      pending.delete(done[1]!)
      if (done[2] === 'response') waiter?.resolve(payload as LambdaResult)
      else waiter?.reject(new Error(`handler failed: ${JSON.stringify(payload)}`))
    } else if (url.endsWith('/init/error')) initError = payload
    res.writeHead(202).end()
  })
  server.keepAliveTimeout = 0
  server.requestTimeout = 0
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    address: `127.0.0.1:${port}`,
    get waiting() {
      return waitingClients.length > 0
    },
    get initError() {
      return initError
    },
    invoke(event) {
      const id = randomUUID()
      const result = new Promise<LambdaResult>((resolve, reject) => pending.set(id, { resolve, reject }))
      const client = waitingClients.shift()
      if (client) deliver(client, { id, event })
      else queued.push({ id, event })
      return result
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of waitingClients.splice(0)) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** An API Gateway HTTP API (payload 2.0) / function URL event: `POST path` with a JSON body, base64-encoded as API Gateway may send it. */
export function httpApiEvent(path: string, body: unknown, headers: Record<string, string> = {}): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'abcdef.lambda-url.eu-west-1.on.aws', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef',
      domainName: 'abcdef.lambda-url.eu-west-1.on.aws',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'runtime-test' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: Buffer.from(JSON.stringify(body)).toString('base64'),
    isBase64Encoded: true,
  }
}

/** An API Gateway REST API (payload 1.0) event: `method path` with a JSON body in clear. */
export function restApiEvent(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Record<string, unknown> {
  const all = { 'Content-Type': 'application/json', Host: 'abc.execute-api.eu-west-1.amazonaws.com', ...headers }
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    requestContext: { resourcePath: '/{proxy+}', httpMethod: method, path, identity: { sourceIp: '203.0.113.8' }, requestId: randomUUID(), stage: 'prod' },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
  }
}
