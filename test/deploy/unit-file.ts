/** A systemd unit file: each section's keys, each with every value it was given, in order. */
export type UnitFile = Map<string, Map<string, string[]>>

/**
 * Reads a systemd unit as INI-like sections: `[Section]` headers, `Key=Value`
 * lines, `#`/`;` comments; a key given twice keeps both values. Enough for the
 * files in deploy/ (no line continuations).
 */
export function parseUnitFile(text: string): UnitFile {
  const sections: UnitFile = new Map()
  let current: Map<string, string[]> | undefined
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const header = line.match(/^\[(\w+)\]$/)
    if (header) {
      current = new Map()
      sections.set(header[1]!, current)
      continue
    }
    const pair = line.match(/^(\w+)=(.*)$/)
    if (!pair || !current) throw new Error(`line ${i + 1} is neither a section nor Key=Value: ${raw}`)
    current.set(pair[1]!, [...(current.get(pair[1]!) ?? []), pair[2]!])
  }
  return sections
}

/** The assignments of `Environment=` values (`A=1 "B=two words"`), as systemd splits them. */
export function environmentAssignments(values: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {}
  for (const value of values) {
    for (const word of value.match(/"[^"]*"|\S+/g) ?? []) {
      const assignment = word.startsWith('"') ? word.slice(1, -1) : word
      const eq = assignment.indexOf('=')
      if (eq <= 0) throw new Error(`not an assignment: ${word}`)
      env[assignment.slice(0, eq)] = assignment.slice(eq + 1)
    }
  }
  return env
}

/** A systemd time span in seconds: `30`, `30s`, `1min`, `1min 30s`. */
export function seconds(span: string): number {
  const units: Record<string, number> = { '': 1, s: 1, sec: 1, m: 60, min: 60, h: 3600 }
  let total = 0
  for (const part of span.trim().split(/\s+/)) {
    const m = part.match(/^(\d+)([a-z]*)$/)
    if (!m || units[m[2]!] === undefined) throw new Error(`not a time span: ${span}`)
    total += Number(m[1]) * units[m[2]!]!
  }
  return total
}

/** The `KEY=value` lines of an EnvironmentFile, and the commented-out `#KEY=value` suggestions apart. */
export function environmentFile(text: string): { set: Record<string, string>; suggested: string[] } {
  const set: Record<string, string> = {}
  const suggested: string[] = []
  for (const line of text.split('\n')) {
    const active = line.match(/^([A-Za-z_]\w*)=(.*)$/)
    if (active) set[active[1]!] = active[2]!.trim()
    const commented = line.match(/^#([A-Z_][A-Z0-9_]*)=/)
    if (commented) suggested.push(commented[1]!)
  }
  return { set, suggested }
}
