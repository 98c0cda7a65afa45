import type { z } from 'zod';

/** JSON response with the content type Gorgias sends. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An empty answer, as Gorgias gives for tag writes (201/202/204). */
export function empty(status: number): Response {
  return new Response(null, { status });
}

/** Gorgias' error envelope: `{"error":{"msg","data"?}}`. */
export function gorgiasError(status: number, msg: string, data?: Record<string, string[]>, headers: Record<string, string> = {}): Response {
  return json({ error: data ? { msg, data } : { msg } }, status, headers);
}

export const notFound = () => gorgiasError(404, 'Resource not found.');
export const methodNotAllowed = () => gorgiasError(405, 'The method is not allowed for the requested URL.');

/** A 400 naming the offending fields, like Gorgias' marshmallow validation (`{field: [messages]}`). */
export function invalid(msg: string, data: Record<string, string[]>): Response {
  return gorgiasError(400, msg, data);
}

/** Flattens zod issues into `{ "messages.0.sender": ["Missing data for required field."] }`. */
export function toErrorData(error: z.ZodError): Record<string, string[]> {
  const data: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // Marshmallow names each unknown field, as Gorgias does for "unknown params".
      for (const name of issue.keys) (data[[...issue.path.map(String), name].join('.')] ??= []).push('Unknown field.');
      continue;
    }
    const key = issue.path.map(String).join('.') || '_schema';
    (data[key] ??= []).push(issue.message);
  }
  return data;
}

/** Thrown by endpoint code for an expected HTTP outcome; the router turns it into the Response. */
export class HttpFailure extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

/** Gorgias timestamps: UTC, microseconds, no offset (`2026-11-21T14:42:00.384000`). */
export function toGorgiasTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}
