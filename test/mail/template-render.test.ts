import { describe, expect, it } from 'vitest'
import { createTemplateEngine } from '../../src/mail/template.js'
import { TemplateError } from '../../src/mail/template-types.js'

const engine = createTemplateEngine()

describe('templates render with Liquid', () => {
  it('escapes HTML in html, and nothing in subject and text', () => {
    const t = engine.compile('welcome', { subject: 'Welcome, {{ name }}', text: 'Hi {{ name }}', html: '<p>Hi {{ name }}</p>' })
    expect(t.render({ name: '<Ada & "Co">' })).toEqual({
      subject: 'Welcome, <Ada & "Co">',
      text: 'Hi <Ada & "Co">',
      html: '<p>Hi &lt;Ada &amp; &#34;Co&#34;&gt;</p>',
    })
  })

  it('derives the text part from the html when the template has only html', () => {
    const t = engine.compile('t', { subject: 's', html: '<h1>Hello {{ name }}</h1><p>Read <a href="{{ url }}">this</a>.</p><ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>' })
    expect(t.render({ name: 'Ada & Bob', url: 'https://example.com/a?b=1&c=2', items: ['one', 'two'] }).text).toBe(
      'Hello Ada & Bob\n\nRead this (https://example.com/a?b=1&c=2).\n\n- one\n- two',
    )
  })

  it('names the template, the part and the missing field (strict variables)', () => {
    const t = engine.compile('welcome', { subject: 'Hi', html: '<p>{{ user.email }}</p>' })
    const error = (() => {
      try {
        t.render({ user: {} })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(TemplateError)
    expect(error).toMatchObject({ code: 'template_data', template: 'welcome', part: 'html', field: 'user.email' })
    expect((error as Error).message).toBe('Template "welcome" (html): needs data.user.email, which is missing')
  })

  it('refuses a subject that renders with CR or LF', () => {
    const t = engine.compile('t', { subject: 'Hi {{ name }}', text: 'x' })
    expect(() => t.render({ name: 'x\r\nBcc: victim@example.org' })).toThrow(/rendered subject contains a line break/)
  })

  it('reads only own properties: no prototype, no constructor', () => {
    const t = engine.compile('t', { subject: '{{ a.constructor }}', text: 'x' })
    expect(() => t.render({ a: {} })).toThrow(TemplateError)
  })

  it('includes no partials: templates read no files and no network', () => {
    const t = engine.compile('t', { subject: 's', text: '{% include "secrets.txt" %}' })
    expect(() => t.render({})).toThrow(/Template "t" \(text\): ENOENT/)
  })

  it('reports a syntax error at compile time, naming the part', () => {
    expect(() => engine.compile('t', { subject: 's', html: '{% if %}' })).toThrow(expect.objectContaining({ code: 'template_syntax', part: 'html' }))
  })

  it('stops a render that allocates without bound', () => {
    const t = engine.compile('t', { subject: 's', text: '{% for i in (1..100000000) %}xxxxxxxx{% endfor %}' })
    expect(() => t.render({})).toThrow(TemplateError)
  })
})
