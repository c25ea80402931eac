/** A minimal valid `/send` body. */
export const MAIL = { from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }

/** `POST {url}/send` with a JSON body (default {@link MAIL}) over a real socket. */
export function postMail(url: string, { body = MAIL, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${url}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}
