import { describe, expect, it } from 'vitest'
import { importGraph, importsMatching } from '../helpers/import-graph.js'

describe('createApp is runtime-neutral', () => {
  it('nothing src/http/app.ts loads imports a Node built-in', () => {
    expect(importGraph('src/http/app.ts').size).toBeGreaterThan(10)
    expect(importsMatching('src/http/app.ts')).toEqual([])
  })

  it('the check does see Node imports where they belong (the Node entry)', () => {
    expect(importsMatching('src/runtime/node/server.ts').length).toBeGreaterThan(0)
  })
})
