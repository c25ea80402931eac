import { describe, expect, it } from 'vitest'
import { decodeEntities, htmlToText } from '../../src/mail/html-to-text.js'

describe('htmlToText: the text part of an html-only template', () => {
  it('keeps paragraphs, line breaks, list items, links and table cells apart', () => {
    const html = '<html><head><title>T</title><style>p{color:red}</style></head><body><!-- hidden --><h1>Hello</h1><p>one<br>two</p><ol><li>a</li><li>b</li></ol><table><tr><td>x</td><td>y</td></tr></table><p><a href="mailto:ada@example.com">ada@example.com</a> <a href="https://example.com/">site</a> <a href="javascript:alert(1)">js</a></p><script>x()</script></body></html>'
    expect(htmlToText(html)).toBe('Hello\n\none\ntwo\n\n- a\n- b\n\nx y\n\nada@example.com site (https://example.com/) js')
  })

  it('decodes named and numeric character references, and turns a bad one into U+FFFD', () => {
    expect(decodeEntities('&lt;&amp;&gt; &#233;&#x1F600; &euro; &unknown; &#xD800;')).toBe('<&> é😀 € &unknown; \ufffd')
  })

  it('collapses runs of white space and trims lines', () => {
    expect(htmlToText('<p>  a \n   b\t c  </p>\n\n\n<p>d</p>')).toBe('a\nb c\n\nd')
  })
})
