import { describe, expect, it } from 'vitest'
import { codeOf, importEdges, importGraph, importsMatching, isNodeBuiltin, sourceFiles } from '../helpers/import-graph.js'

/**
 * The layers of src/, lowest first: a module may import its own folder and
 * the layers below it, never a layer above, nor another folder of its own
 * rank. docs/architecture.md draws the same picture.
 */
const RANK: Record<string, number> = { mail: 0, smtp: 1, metrics: 2, store: 2, config: 2, http: 3, core: 4, runtime: 5 }

const edges = importEdges('src')
const layerOf = (file: string): string => file.split('/')[1]!
const internal = edges.filter((e) => e.to !== undefined)

describe('the layers of src/', () => {
  it('every folder of src/ is a known layer', () => {
    expect(edges.length).toBeGreaterThan(200)
    expect([...new Set(edges.map((e) => layerOf(e.from)))].filter((l) => !(l in RANK))).toEqual([])
  })

  it('dependencies point down: no import reaches a higher layer or a sibling of the same rank', () => {
    const up = internal.filter((e) => {
      const [from, to] = [layerOf(e.from), layerOf(e.to!)]
      return from !== to && RANK[to]! >= RANK[from]!
    })
    expect(up.map((e) => `${e.from} → ${e.spec}`)).toEqual([])
  })

  it('mail/, smtp/, metrics/ and store/ never import http/; smtp/ never imports runtime/', () => {
    const bad = internal.filter(
      (e) =>
        (['mail', 'smtp', 'metrics', 'store'].includes(layerOf(e.from)) && layerOf(e.to!) === 'http') ||
        (layerOf(e.from) === 'smtp' && layerOf(e.to!) === 'runtime'),
    )
    expect(bad).toEqual([])
  })

  it('a runtime folder never imports another runtime', () => {
    const runtimeOf = (file: string) => file.split('/')[2]
    const cross = internal.filter((e) => layerOf(e.from) === 'runtime' && layerOf(e.to!) === 'runtime' && runtimeOf(e.from) !== runtimeOf(e.to!))
    expect(cross).toEqual([])
  })

  it('the Node socket depends on smtp/socket.ts, never the other way round', () => {
    expect(internal.some((e) => e.from === 'src/runtime/node/socket.ts' && e.to === 'src/smtp/socket.ts')).toBe(true)
    expect(internal.filter((e) => e.from.startsWith('src/smtp/') && e.to!.startsWith('src/runtime/'))).toEqual([])
  })
})

describe('only src/runtime/ touches a runtime', () => {
  it('no module outside src/runtime/ imports a Node built-in, even lazily', () => {
    const bad = edges.filter((e) => layerOf(e.from) !== 'runtime' && isNodeBuiltin(e.spec))
    expect(bad.map((e) => `${e.from} → ${e.spec}`)).toEqual([])
  })

  it('the Redis client is imported only by the Redis stores, and those only by a runtime', () => {
    const redisFiles = (f: string) => /^src\/store\/redis[\w-]*\.ts$/.test(f)
    expect(edges.filter((e) => e.spec === 'ioredis' && !redisFiles(e.from))).toEqual([])
    expect(internal.filter((e) => redisFiles(e.to!) && !redisFiles(e.from) && layerOf(e.from) !== 'runtime')).toEqual([])
  })

  it('the check sees Node imports where they belong', () => {
    expect(edges.filter((e) => e.from.startsWith('src/runtime/node/') && isNodeBuiltin(e.spec)).length).toBeGreaterThan(5)
  })
})

describe('the app and the core run on any runtime', () => {
  it('nothing src/http/app.ts or src/core/mailbridge.ts loads imports a Node built-in', () => {
    expect(importGraph('src/http/app.ts').size).toBeGreaterThan(10)
    expect(importsMatching('src/http/app.ts')).toEqual([])
    expect(importsMatching('src/core/mailbridge.ts')).toEqual([])
  })

  it('the check does see Node imports where they belong (the Node server)', () => {
    expect(importsMatching('src/runtime/node/server.ts').length).toBeGreaterThan(0)
  })

  it('no module outside src/runtime/ uses a Node-only global', () => {
    const files = sourceFiles('src').filter((f) => layerOf(f) !== 'runtime')
    const bad = files.filter((f) => /\b(?:Buffer|process|setImmediate|require)\s*[.([]|\b__(?:dirname|filename)\b/.test(codeOf(f)))
    expect(files.length).toBeGreaterThan(50)
    expect(bad).toEqual([])
  })
})
