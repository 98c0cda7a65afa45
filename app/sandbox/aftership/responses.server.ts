/** AfterShip's `{meta, data}` envelope, for every answer of the emulated API. */

const TYPES: Record<number, string> = {
  20000: 'OK', 20100: 'Created', 20200: 'Accepted', 40000: 'BadRequest', 40100: 'Unauthorized', 40400: 'NotFound',
  40500: 'MethodNotAllowed', 40900: 'Conflict', 42200: 'UnprocessableEntity', 42900: 'TooManyRequests', 50000: 'InternalError', 50300: 'ServiceUnavailable',
};
const MESSAGES: Record<number, string> = {
  20000: 'The request was successfully processed.', 20100: 'The request has been fulfilled and a new resource has been created.',
  20200: 'The request has been accepted for processing.',
};

export function envelope(status: number, code: number, data: unknown, headers: Record<string, string> = {}): Response {
  const meta = { code, type: TYPES[code] ?? 'OK', message: MESSAGES[code] ?? 'OK' };
  return Response.json({ meta, data }, { status, headers });
}

export type FieldError = { path: string; info: string };

export function errorEnvelope(status: number, code: number, message: string, errors?: FieldError[], headers: Record<string, string> = {}): Response {
  const meta = { code, type: TYPES[code] ?? 'Error', message, ...(errors ? { errors } : {}) };
  return Response.json({ meta, data: null }, { status, headers });
}

export const notFound = (what = 'Return not found') => errorEnvelope(404, 40400, what);
export const conflict = (message: string) => errorEnvelope(409, 40900, message);
export const unprocessable = (message: string, errors?: FieldError[]) => errorEnvelope(422, 42200, message, errors);

/** A zod issue path as AfterShip writes it: `return_items[0].external_order_item_id`. */
export function toFieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
