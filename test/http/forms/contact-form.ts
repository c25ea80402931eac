/** A contact form configuration as docs/frontends.md shows it, for the form tests. */
export const SITE = 'https://example.com'

export const contactFile = (form: Record<string, unknown> = {}) => ({
  templates: {
    contact: {
      subject: 'Contact from {{ name }}',
      text: 'From: {{ name }} <{{ email }}>\n\n{{ message }}',
    },
  },
  forms: {
    contact: {
      to: ['team@example.com'],
      from: 'Website <web@example.com>',
      template: 'contact',
      origins: [SITE],
      honeypot: 'website',
      reply_to_field: 'email',
      redirect: 'https://example.com/thanks',
      ...form,
    },
  },
})

/** A browser's own form submission: urlencoded, Accept leading with text/html, Origin set. */
export function browserPost(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      Origin: SITE,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  }
}

export const filled = { name: 'Ada', email: 'ada@example.net', message: 'Hello there', website: '' }
