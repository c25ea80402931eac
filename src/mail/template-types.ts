/**
 * What templates are, without an engine: their sources, what they render to,
 * the engine's interface and its errors. The configuration and the body
 * handler need only these; the engine (template.ts, liquidjs) is handed to
 * them by the runtime, which loads it only when templates are configured.
 */

/** A template's parts as the configuration gives them (files already read). */
export interface TemplateSource {
  subject: string
  text?: string | undefined
  html?: string | undefined
}

/** What a template renders to: the fields of a send request. */
export interface RenderedTemplate {
  subject: string
  text: string
  html?: string
}

/** A template that compiled: render it with a request's data. */
export interface CompiledTemplate {
  readonly name: string
  /**
   * Renders every part with `data`, each within the engine's per-part limit
   * and all of them before `deadline` (a `performance.now()` time) when given.
   *
   * @throws {TemplateError} `template_data` naming the missing or bad field
   */
  render(data: Readonly<Record<string, unknown>>, deadline?: number): RenderedTemplate
}

/** Stable codes of {@link TemplateError}. */
export type TemplateErrorCode = 'template_syntax' | 'template_data'

/** A template that does not compile, or that cannot be rendered with the data given. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError'
  readonly code: TemplateErrorCode
  /** The template's name. */
  readonly template: string
  /** The part at fault: `subject`, `text` or `html`. */
  readonly part: keyof TemplateSource
  /** The data field at fault (`name`, `user.email`), when one is known. */
  readonly field: string | undefined

  constructor(code: TemplateErrorCode, template: string, part: keyof TemplateSource, message: string, field?: string) {
    super(message)
    this.code = code
    this.template = template
    this.part = part
    this.field = field
  }
}

/** Options for {@link createTemplateEngine}. */
export interface TemplateEngineOptions {
  /** Longest one part may take to render, in milliseconds. Default 250. */
  renderLimitMs?: number
  /** Most string bytes one render may allocate (loops over huge data stop there). Default 10 MB. */
  memoryLimit?: number
}

/** Compiles templates; one engine serves every template of a configuration. */
export interface TemplateEngine {
  /**
   * Compiles every part of a template.
   *
   * @throws {TemplateError} `template_syntax` for the first part that does not compile
   */
  compile(name: string, source: TemplateSource): CompiledTemplate
}
