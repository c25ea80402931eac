/**
 * Whether a bind address only accepts local connections: `localhost`,
 * 127.0.0.0/8, `::1` (any spelling) and IPv4-mapped 127.x.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (h === 'localhost') return true
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h)
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) && v4[1] === '127'
  if (!/^[0-9a-f:]+$/.test(h) || (!h.includes('::') && h.split(':').length !== 8)) return false
  // ::1 in any spelling: every group zero except a final 1.
  const [head = '', tail = ''] = h.includes('::') ? h.split('::') : [h, '']
  const groups = [...head.split(':'), ...tail.split(':')].filter((g) => g !== '')
  if (groups.length === 0 || groups.length > 8) return false
  const last = groups.pop()!
  return parseInt(last, 16) === 1 && groups.every((g) => parseInt(g, 16) === 0)
}
