import type { Row } from './report.js'

const ROW = 24
const TOP = 70
const LABEL = 210
const PANEL = 300
const GAP = 40
const WIDTH = LABEL + 2 * PANEL + GAP + 30

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
const colour = (key: string) =>
  key.endsWith(':mailbridge') ? '#2f6fb0' : key.startsWith('echo:') ? '#8a8a8a' : '#d0893a'

/** `text` cut at spaces into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line]
}

/**
 * An SVG of the benchmark's medians: throughput (left) and CPU per message
 * (right) for each scenario. On the CPU bars a black tick marks the floor
 * measured in the same run (on the reference's rows too, for comparison) and,
 * on mailbridge's rows, a dashed tick the target (1.3× the floor for `/send`,
 * 1.5× for a batch).
 */
export function chart(all: Row[], subtitle: string): string {
  const height = TOP + all.length * ROW + 40
  const maxRate = Math.max(...all.map((r) => r.msgsPerSec))
  const maxCpu = Math.max(...all.map((r) => Math.max(r.cpuUsPerMsg, (r.cpuFloor ?? 0) * 1.5)))
  const x1 = LABEL
  const x2 = LABEL + PANEL + GAP
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">mailbridge benchmark: medians of one run</text>`,
    ...wrap(subtitle, 130).map((line, i) => `<text x="10" y="${34 + i * 14}" fill="#555">${esc(line)}</text>`),
    `<text x="${x1}" y="${TOP - 6}" font-weight="bold">messages per second</text>`,
    `<text x="${x2}" y="${TOP - 6}" font-weight="bold">CPU µs per message (| floor, ¦ target)</text>`,
  ]
  all.forEach((r, i) => {
    const y = TOP + i * ROW
    const w1 = (r.msgsPerSec / maxRate) * PANEL
    const w2 = (r.cpuUsPerMsg / maxCpu) * PANEL
    out.push(
      `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${esc(r.key)}</text>`,
      `<rect x="${x1}" y="${y + 4}" width="${w1.toFixed(1)}" height="${ROW - 8}" fill="${colour(r.key)}"/>`,
      `<text x="${(x1 + w1 + 4).toFixed(1)}" y="${y + 15}">${r.msgsPerSec.toFixed(0)}</text>`,
      `<rect x="${x2}" y="${y + 4}" width="${w2.toFixed(1)}" height="${ROW - 8}" fill="${colour(r.key)}"/>`,
      `<text x="${(x2 + w2 + 4).toFixed(1)}" y="${y + 15}">${r.cpuUsPerMsg.toFixed(0)}</text>`,
    )
    if (r.cpuFloor !== undefined) {
      const f = x2 + (r.cpuFloor / maxCpu) * PANEL
      out.push(`<line x1="${f.toFixed(1)}" x2="${f.toFixed(1)}" y1="${y + 1}" y2="${y + ROW - 1}" stroke="#000" stroke-width="2"/>`)
      if (r.key.endsWith(':mailbridge')) {
        const t = x2 + ((r.cpuFloor * (r.key.startsWith('batch:') ? 1.5 : 1.3)) / maxCpu) * PANEL
        out.push(`<line x1="${t.toFixed(1)}" x2="${t.toFixed(1)}" y1="${y + 1}" y2="${y + ROW - 1}" stroke="#000" stroke-dasharray="3,2"/>`)
      }
    }
  })
  const legendY = TOP + all.length * ROW + 24
  const legend: [string, string][] = [['#2f6fb0', 'mailbridge'], ['#d0893a', 'Hono + nodemailer / nodemailer alone'], ['#8a8a8a', 'bare Hono JSON echo (HTTP floor)']]
  legend.forEach(([fill, text], i) => {
    const x = 10 + i * 260
    out.push(`<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${fill}"/>`, `<text x="${x + 18}" y="${legendY}">${esc(text)}</text>`)
  })
  out.push('</svg>')
  return out.join('\n') + '\n'
}
