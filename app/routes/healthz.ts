/** Liveness for load balancers, and the benchmark's baseline for "a trivial route of this app". */
export const loader = () => new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
