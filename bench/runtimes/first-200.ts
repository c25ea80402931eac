/** Milliseconds from `since` (a `performance.now()`) to the first 200 answer of `POST url`, retrying while nothing listens yet. */
export async function msToFirst200(since: number, url: string, body: string, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
      const text = await res.text()
      if (res.status === 200) return performance.now() - since
      throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 300)}`)
    } catch (e) {
      const refused = e instanceof TypeError // fetch failed: nothing listening yet
      if (!refused) throw e
      if (performance.now() - since > timeoutMs) throw new Error(`no answer from ${url} within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 2))
    }
  }
}
