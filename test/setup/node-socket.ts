// The tests run on Node: connections opened without a `connect` option use the
// Node socket, as a library user on Node would register it. Loaded on first
// use, so that a test file's own mocks (e.g. of node:tls) apply to it.
import { setDefaultSocketFactory } from '../../src/smtp/socket.js'

setDefaultSocketFactory(async (options) => {
  const { createNodeSocket } = await import('../../src/runtime/node/socket.js')
  return createNodeSocket(options)
})
