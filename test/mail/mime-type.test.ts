import { describe, expect, it } from 'vitest'
import { composeMessage } from '../../src/mail/index.js'
import { contentTypeFor } from '../../src/mail/mime-type.js'

describe('attachment content types', () => {
  it('are guessed from the extension, case-insensitively', () => {
    expect(contentTypeFor('report.pdf')).toBe('application/pdf')
    expect(contentTypeFor('Photo.JPG')).toBe('image/jpeg')
    expect(contentTypeFor('sheet.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(contentTypeFor('archive.tar.gz')).toBe('application/gzip')
  })
  it('fall back to application/octet-stream', () => {
    expect(contentTypeFor('noext')).toBe('application/octet-stream')
    expect(contentTypeFor('weird.zzz')).toBe('application/octet-stream')
    expect(contentTypeFor('trailing.')).toBe('application/octet-stream')
    expect(contentTypeFor('.bashrc')).toBe('application/octet-stream')
  })
  it('a given content_type wins over the guess', () => {
    const raw = new TextDecoder().decode(
      composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't', attachments: [{ filename: 'a.pdf', content: '', content_type: 'text/csv; charset=utf-8' }] }).raw,
    )
    expect(raw).toMatch(/^Content-Type: text\/csv; charset=utf-8; name="a.pdf"\r$/m)
  })
})
