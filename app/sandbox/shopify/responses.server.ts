/** JSON response with the content type Shopify sends. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** Shopify's body for unknown paths. */
export function notFound(): Response {
  return json({ errors: 'Not Found' }, 404);
}
