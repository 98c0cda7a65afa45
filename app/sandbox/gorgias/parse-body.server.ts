import type { z } from 'zod';
import { gorgiasError, HttpFailure, invalid, toErrorData } from './responses.server';

/** Words Gorgias uses for a missing field, instead of zod's "expected string, received undefined". */
const errorMap: z.core.$ZodErrorMap = (issue) =>
  (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined
    ? 'Missing data for required field.'
    : undefined;

/**
 * Reads a JSON body and parses it with `schema`; a bad body throws the 400 Gorgias would send,
 * `failure` being its `msg` (e.g. "Failed to create ticket").
 */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, failure: string): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpFailure(gorgiasError(400, 'Invalid JSON body.'));
  }
  return parseWith(schema, body, failure);
}

/** Parses a value (a body or query parameters) or throws Gorgias' 400. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, failure: string): z.infer<S> {
  const parsed = schema.safeParse(value, { error: errorMap });
  if (!parsed.success) throw new HttpFailure(invalid(failure, toErrorData(parsed.error)));
  return parsed.data;
}
