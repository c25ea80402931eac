// The subset of autocannon's API the benchmark uses (the package ships no types;
// declared here rather than adding @types/autocannon as a dependency).
declare module 'autocannon' {
  interface Histogram {
    average: number
    p50: number
    p99: number
    total: number
  }
  interface RequestSpec {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    onResponse?: (status: number, body: string) => void
  }
  interface Options {
    url: string
    connections?: number
    amount?: number
    duration?: number
    timeout?: number
    requests?: RequestSpec[]
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
