import type { ZodError } from 'zod'
import { prepareMail } from '../mail/index.js'
import { joinPath, type FieldError } from './problem.js'
import { FROM_REQUIRED } from './send-handler.js'

type Path = PropertyKey[]

/** The parts of a zod 4 issue this module reads. */
interface Issue {
  code: string
  path: Path
  message: string
  keys?: string[]
  errors?: Issue[][]
}

/** A union branch failed "at its root": the value was not of that branch's type at all. */
function failsAtRoot(issues: Issue[]): boolean {
  return issues.every(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' || (i.code === 'invalid_union' && (i.errors ?? []).every(failsAtRoot))),
  )
}

function flatten(issue: Issue, prefix: Path, out: FieldError[]): void {
  const path = [...prefix, ...issue.path]
  if (issue.code === 'invalid_union' && issue.errors) {
    // One branch of the union matched the value's type (e.g. the list in
    // `address | address[]`): its issues are the precise ones.
    const near = issue.errors.filter((branch) => !failsAtRoot(branch))
    if (near.length === 1) {
      for (const i of near[0]!) flatten(i, path, out)
      return
    }
  }
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    for (const key of issue.keys) out.push({ path: joinPath([...path, key]), message: UNKNOWN_FIELD })
    return
  }
  out.push({ path: joinPath(path), message: zodMessage(issue) })
}

const UNKNOWN_FIELD = 'This field is not part of the request; check its spelling or remove it.'
const REQUIRED = 'This field is required.'
const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)

/** A zod message as a sentence in mailbridge's words: `Required`, `Invalid input: expected string, received number`, … */
function zodMessage(issue: Issue): string {
  const typed = /expected (\w+), received (\w+)$/.exec(issue.message)
  if (issue.code === 'invalid_type' && typed) {
    return typed[2] === 'undefined' ? REQUIRED : `Expected ${article(typed[1]!)}, got ${article(typed[2]!)}.`
  }
  return issue.message.replace(/^Invalid input: /, '')
}

/**
 * One entry per failing field, with its path joined by dots (`to.1.email`).
 * Union failures are narrowed to the branch the value resembled, unknown keys
 * get one entry each, and a missing field says it is required.
 */
function zodFieldErrors(error: ZodError): FieldError[] {
  const out: FieldError[] = []
  for (const issue of error.issues as unknown as Issue[]) flatten(issue, [], out)
  return out
}

// Stands in for a missing `from` (DEFAULT_FROM may supply it) so that the
// content checks below do not report it; the schema decides about `from`.
const PLACEHOLDER_FROM = 'placeholder@example.invalid'

/**
 * The paths already reported, answering "is this path reported, or inside or
 * around a reported one?" in time proportional to the path's length (a
 * hostile body may bring 100,000 problems: comparing each with every other
 * took minutes).
 */
function reportedPaths(errors: FieldError[]) {
  const paths = new Set<string>()
  /** Every proper prefix (ending before a dot) of a reported path. */
  const around = new Set<string>()
  const add = (path: string) => {
    paths.add(path)
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) around.add(path.slice(0, dot))
  }
  const covers = (path: string): boolean => {
    if (paths.has('') || paths.has(path) || around.has(path)) return true
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) if (paths.has(path.slice(0, dot))) return true
    return false
  }
  for (const e of errors) add(e.path)
  return { add, covers }
}

/**
 * The content problems (bad addresses, CR/LF in headers, bad base64) of a
 * request body that also failed the schema, for fields the schema did not
 * already report: the caller learns every problem in one answer.
 */
function contentFieldErrors(body: unknown, reported: FieldError[]): FieldError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return []
  const fields = body as Record<string, unknown>
  let result: ReturnType<typeof prepareMail>
  try {
    const withFrom = fields.from === undefined ? { ...fields, from: PLACEHOLDER_FROM } : fields
    // A template renders subject and text: their absence is no content problem.
    result = prepareMail(fields.template === undefined ? withFrom : { ...withFrom, subject: fields.subject ?? '', text: fields.text ?? '' })
  } catch {
    return []
  }
  if (result.ok) return []
  const out: FieldError[] = []
  const seen = reportedPaths(reported)
  for (const issue of result.issues) {
    const path = joinPath(issue.path)
    if (seen.covers(path)) continue
    out.push({ path, message: issue.message })
    seen.add(path)
  }
  return out
}

/**
 * Every problem of a send request body that failed the schema: one entry per
 * schema failure, plus the content problems of the fields the schema passed.
 * `POST /send` (through `readJsonBody`), each `/send/batch` item
 * report the same list.
 */
export function sendRequestFieldErrors(error: ZodError, body: unknown, { fromRequired = false }: SendValidationOptions = {}): FieldError[] {
  const errors = zodFieldErrors(error)
  const missingFrom = fromRequired && isObject(body) && body.from === undefined && !errors.some((e) => e.path === 'from')
  return [...(missingFrom ? [FROM_REQUIRED] : []), ...errors, ...contentFieldErrors(body, errors)]
}

/** Options for {@link sendRequestFieldErrors}. */
export interface SendValidationOptions {
  /** No `DEFAULT_FROM`: a request without `from` is told so with its other problems. */
  fromRequired?: boolean
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
