// A Lambda runtime client, as AWS's Node.js runtime is one: it imports the
// handler named by _HANDLER ("<module path>.<export>") once, then loops on the
// Runtime API at AWS_LAMBDA_RUNTIME_API: take the next event, invoke the
// handler, post its result (or its error). Between invocations it waits in
// the `next` request, where a test can freeze it (SIGSTOP) as Lambda freezes
// an idle execution environment.
import { pathToFileURL } from 'node:url'

const api = `http://${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime`
const spec = process.env._HANDLER ?? ''
const dot = spec.lastIndexOf('.')
const post = (path, body) => fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const errorBody = (e) => ({ errorType: e instanceof Error ? e.name : 'Error', errorMessage: e instanceof Error ? e.message : String(e) })

let handler
try {
  const module = await import(pathToFileURL(`${spec.slice(0, dot)}.js`).href)
  handler = module[spec.slice(dot + 1)]
  if (typeof handler !== 'function') throw new Error(`${spec} is not a function`)
} catch (e) {
  await post('/init/error', errorBody(e))
  process.exit(1)
}

for (;;) {
  const next = await fetch(`${api}/invocation/next`)
  const id = next.headers.get('lambda-runtime-aws-request-id')
  const event = await next.json()
  const context = { awsRequestId: id, functionName: 'mailbridge', getRemainingTimeInMillis: () => 30_000 }
  try {
    await post(`/invocation/${id}/response`, await handler(event, context))
  } catch (e) {
    await post(`/invocation/${id}/error`, errorBody(e))
  }
}
