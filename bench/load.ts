import autocannon from 'autocannon';

export type LoadResult = { name: string; requests: number; rps: number; p50: number; p99: number; errors: number; non2xx: number };

/** A fixed-duration load from this process to a loopback URL; bounded in time and connections. */
export async function load(
  name: string,
  options: { url: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string>; seconds: number; connections: number; expectStatus?: 302 | 404 },
): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    body: options.body,
    headers: options.headers,
    duration: options.seconds,
    connections: options.connections,
    expectBody: undefined,
  });
  return {
    name,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: unexpectedStatuses(result, options.expectStatus),
  };
}

/** Answers other than 2xx, less those the caller expects (a redirect, or the 404 page). */
function unexpectedStatuses(result: autocannon.Result, expected: 302 | 404 | undefined): number {
  if (expected === 302) return result.non2xx - (result['3xx'] ?? 0);
  if (expected === 404) return result.non2xx - (result['4xx'] ?? 0) + result['2xx'];
  return result.non2xx;
}
