/**
 * A plain-text rendering of an HTML body, for the text part of a message
 * whose template has only HTML. Meant for mail HTML (paragraphs, headings,
 * lists, links, line breaks, tables), not for arbitrary web pages: block
 * elements become line breaks, links keep their address, list items get a
 * dash, and everything invisible (head, style, script, comments) is dropped.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', euro: '€', middot: '·', bull: '•',
}

/** Decodes character references: named ones mail HTML uses, and every numeric one. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
    }
    return NAMED[ref] ?? whole
  })
}

const BLOCK = 'p|div|h[1-6]|ul|ol|table|tr|blockquote|section|article|header|footer|pre|address|dl|dt|dd|figure|main|nav|aside|form|fieldset'
const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined)

/**
 * The text a reader of `html` sees, with its structure as line breaks.
 *
 * @example
 * ```ts
 * htmlToText('<p>Hi <b>Ada</b></p><p><a href="https://example.com/x">Open</a></p>')
 * // 'Hi Ada\n\nOpen (https://example.com/x)'
 * ```
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi, (_, attrs: string, inner: string) => {
      const label = inner.replace(/<[^>]*>/g, '').trim()
      const href = decodeEntities(attribute(` ${attrs}`, 'href') ?? '').trim()
      const target = href.replace(/^mailto:/i, '')
      if (!/^(?:https?:|mailto:)/i.test(href) || target === decodeEntities(label)) return inner
      return label === '' ? target : `${inner} (${target})`
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<hr\b[^>]*>/gi, '\n\n----\n\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(?:td|th)\s*>/gi, ' ')
    .replace(new RegExp(`</?(?:${BLOCK})\\b[^>]*>`, 'gi'), '\n\n')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
  return decodeEntities(text.replace(/[ \t\r\f\v]+/g, ' '))
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
