/**
 * Message templates: Liquid (liquidjs), which interprets its templates and
 * never builds code with `eval` or `new Function`, so it runs on Workers too.
 * Variables are strict (a missing field is an error, never an empty string),
 * filters are strict, only own properties are read, and output in `html` is
 * HTML-escaped; `subject` and `text` are not escaped, since they are not HTML.
 */
import { Liquid, type Template } from 'liquidjs'
import { htmlToText } from './html-to-text.js'
import { TemplateError, type CompiledTemplate, type TemplateEngine, type TemplateEngineOptions, type TemplateSource } from './template-types.js'
import { unsafeCharProblem } from './text-checks.js'

const UNDEFINED_VARIABLE = /^undefined variable: ([^,]+)/

/** The first line of a liquidjs message, without its stack or source excerpt. */
const firstLine = (e: unknown): string => String(e instanceof Error ? e.message : e).split('\n')[0]!

/**
 * An engine for mail templates: one Liquid instance escaping output (for
 * `html`), one not (for `subject` and `text`). Partials (`include`,
 * `render`) find nothing: templates never read files or the network.
 *
 * @example
 * ```ts
 * const welcome = createTemplateEngine().compile('welcome', { subject: 'Hi {{ name }}', html: '<p>Hi {{ name }}</p>' })
 * welcome.render({ name: 'Ada' }) // { subject: 'Hi Ada', text: 'Hi Ada', html: '<p>Hi Ada</p>' }
 * ```
 */
export function createTemplateEngine({ renderLimitMs = 250, memoryLimit = 10_000_000 }: TemplateEngineOptions = {}): TemplateEngine {
  const common = { strictVariables: true, strictFilters: true, ownPropertyOnly: true, templates: {}, renderLimit: renderLimitMs, memoryLimit }
  const plain = new Liquid(common)
  const escaping = new Liquid({ ...common, outputEscape: 'escape' })

  return {
    compile(name, source) {
      const parse = (engine: Liquid, part: keyof TemplateSource, text: string | undefined): Template[] | undefined => {
        if (text === undefined) return undefined
        try {
          return engine.parse(text)
        } catch (e) {
          throw new TemplateError('template_syntax', name, part, `${part}: ${firstLine(e)}`)
        }
      }
      const subject = parse(plain, 'subject', source.subject)!
      const text = parse(plain, 'text', source.text)
      const html = parse(escaping, 'html', source.html)

      const run = (engine: Liquid, part: keyof TemplateSource, tpl: Template[], data: Readonly<Record<string, unknown>>, deadline: number | undefined): string => {
        const left = deadline === undefined ? renderLimitMs : Math.min(renderLimitMs, Math.floor(deadline - performance.now()))
        if (left <= 0) throw new TemplateError('template_data', name, part, `Template "${name}" (${part}): this request's templates took too long to render`)
        try {
          return String(engine.renderSync(tpl, data, { renderLimit: left }))
        } catch (e) {
          const message = firstLine(e)
          const field = UNDEFINED_VARIABLE.exec(message)?.[1]
          const why = field === undefined ? message.replace(/, line:\d+, col:\d+$/, '') : `needs data.${field}, which is missing`
          throw new TemplateError('template_data', name, part, `Template "${name}" (${part}): ${why}`, field)
        }
      }

      return {
        name,
        render(data, deadline) {
          const rendered = run(plain, 'subject', subject, data, deadline)
          const problem = unsafeCharProblem(rendered)
          if (problem) throw new TemplateError('template_data', name, 'subject', `Template "${name}": the rendered subject ${problem}`)
          const htmlOut = html && run(escaping, 'html', html, data, deadline)
          const textOut = text ? run(plain, 'text', text, data, deadline) : htmlToText(htmlOut ?? '')
          return htmlOut === undefined ? { subject: rendered, text: textOut } : { subject: rendered, text: textOut, html: htmlOut }
        },
      }
    },
  }
}
