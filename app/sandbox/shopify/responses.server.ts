import { z } from 'zod';

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

/** A control's JSON body read with its schema, or the 400 that says why it cannot be. */
export async function readControlBody<T extends z.ZodType>(request: Request, schema: T): Promise<{ ok: true; data: z.infer<T> } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: json({ errors: 'Body must be JSON' }, 400) };
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: json({ errors: z.prettifyError(parsed.error) }, 400) };
}
