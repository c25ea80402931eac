import { describe, expect, it } from 'vitest'
import { filesUnder, sourceFiles, textOf } from '../helpers/import-graph.js'

// Written in pieces, so this file does not match itself.
const DESIGN_DOC = new RegExp(['DESIGN', '\\.md'].join(''))
const SHARED_DIR = new RegExp(['\\bshared', '/'].join(''))
const ISSUE_NUMBER = new RegExp(['\\bissues?', ' #?\\d+'].join(''), 'i')
const SECTION_OF_A_DESIGN = new RegExp(['(?<!RFC \\d{3,5} )', '§\\s?\\d'].join(''))

const everything = [
  ...sourceFiles('src'),
  ...sourceFiles('test'),
  ...filesUnder('docs', '.md'),
  'README.md',
]

describe('the repository stands on its own', () => {
  it('no source, test or doc cites a design document, a shared folder or an issue number', () => {
    expect(everything.length).toBeGreaterThan(200)
    const cites = everything.flatMap((file) =>
      textOf(file)
        .split('\n')
        .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
        .filter(({ line }) => DESIGN_DOC.test(line) || SHARED_DIR.test(line) || ISSUE_NUMBER.test(line) || SECTION_OF_A_DESIGN.test(line)),
    )
    expect(cites.map((c) => `${c.where}: ${c.line.trim()}`)).toEqual([])
  })

  it('the patterns do catch a citation', () => {
    expect(ISSUE_NUMBER.test(['as issue', '6 says'].join(' '))).toBe(true)
    expect(DESIGN_DOC.test('see DESIGN' + '.md')).toBe(true)
    expect(SECTION_OF_A_DESIGN.test(['the table of §', '2'].join(''))).toBe(true)
    expect(SECTION_OF_A_DESIGN.test('RFC 5321 §4.5.3.1.4')).toBe(false)
  })
})

describe('small files', () => {
  it('no file in src/ is over 400 lines', () => {
    const long = sourceFiles('src')
      .map((file) => ({ file, lines: textOf(file).split('\n').length }))
      .filter((f) => f.lines > 400)
    expect(long).toEqual([])
  })
})
