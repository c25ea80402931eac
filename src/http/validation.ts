import type { Context } from 'hono'
import type { ZodError } from 'zod'
import type { AppEnv } from './env.js'
import { joinPath, problemResponse, validationFailure, type FieldError } from './problem.js'

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
    for (const key of issue.keys) out.push({ path: joinPath([...path, key]), message: 'Unknown field' })
    return
  }
  const message = issue.code === 'invalid_type' && / received undefined$/.test(issue.message) ? 'Required' : issue.message
  out.push({ path: joinPath(path), message })
}

/**
 * One entry per failing field, with its path joined by dots (`to.1.email`).
 * Union failures are narrowed to the branch the value resembled, unknown keys
 * get one entry each, and a missing field says `Required`.
 */
export function zodFieldErrors(error: ZodError): FieldError[] {
  const out: FieldError[] = []
  for (const issue of error.issues as unknown as Issue[]) flatten(issue, [], out)
  return out
}

type HookResult = { success: true } | { success: false; error: ZodError }

/**
 * `defaultHook` of the OpenAPIHono app: schema failures answer
 * `422 validation_error` with one `errors` entry per field.
 */
export function validationHook(result: HookResult, c: Context<AppEnv>): Response | undefined {
  if (result.success) return undefined
  return problemResponse(c, validationFailure(zodFieldErrors(result.error)).problem)
}
