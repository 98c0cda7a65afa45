import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { BodyTooLargeError } from '~/http/body-limit.server';

/**
 * How much of a form an action will read. Conform turns `lines[9999999].x` into an array that
 * long before any schema runs (13 bytes held the server for 17 s), so names are checked here,
 * as they arrive, with every other bound, before anything parses the form as a whole.
 */
export type FormLimits = {
  /** Fields and files together. */
  maxFields: number;
  /** The largest `[n]` a field name may hold. */
  maxIndex: number;
  /** Files with content (an input left empty sends an empty one, not counted). */
  maxFiles: number;
  /** One file's bytes; a field's are capped by MAX_FIELD_BYTES. */
  maxFileBytes: number;
  /**
   * A file over `maxFileBytes` is read to its end and dropped (its field named in `oversized`)
   * instead of refusing the whole form, so one photo too large costs only that photo. The body
   * stays capped by the server's byte limit.
   */
  skipOversizedFiles?: boolean;
};

/** The lookup and sign-out forms: a handful of fields, no lists, no files. */
export const SMALL_FORM: FormLimits = { maxFields: 20, maxIndex: 9, maxFiles: 0, maxFileBytes: 0 };

const MAX_FIELD_BYTES = 8 * 1024;
const MAX_NAME_LENGTH = 200;
/** `name`, then `.name` or `[n]` segments: the grammar our forms use, and all Conform needs. */
const NAME = /^[A-Za-z][\w-]{0,63}(?:\.[A-Za-z][\w-]{0,63}|\[\d{1,6}\]){0,5}$/;

export type FormRefusal = 'tooLarge' | 'tooManyFields' | 'badName' | 'unreadable';

export type ReadForm =
  | { ok: true; formData: FormData; oversized: string[] }
  /** `formData` holds what was read before the refusal, every name checked: safe to show again. */
  | { ok: false; reason: FormRefusal; formData: FormData };

class FormLimitError extends Error {
  constructor(readonly reason: FormRefusal) {
    super(reason);
  }
}

export function isAcceptableName(name: string, maxIndex: number): boolean {
  if (name.length > MAX_NAME_LENGTH || !NAME.test(name)) return false;
  return [...name.matchAll(/\[(\d+)\]/g)].every((match) => Number(match[1]) <= maxIndex);
}

/**
 * Reads a posted form, url-encoded or multipart, within `limits`; the body itself is already
 * capped in bytes by the server (app/http/body-limit.server.ts). Multipart goes through Remix's
 * own streaming parser, whose upload handler sees each part's name before its bytes.
 */
export async function readForm(request: Request, limits: FormLimits): Promise<ReadForm> {
  const collected = new FormData();
  let fields = 0;
  const check = (name: string) => {
    if (!isAcceptableName(name, limits.maxIndex)) throw new FormLimitError('badName');
    if (++fields > limits.maxFields) throw new FormLimitError('tooManyFields');
  };
  const type = (request.headers.get('Content-Type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
  try {
    if (type === 'application/x-www-form-urlencoded') {
      for (const [name, value] of new URLSearchParams(await request.text())) {
        check(name);
        if (Buffer.byteLength(value) > MAX_FIELD_BYTES) throw new FormLimitError('tooLarge');
        collected.append(name, value);
      }
      return { ok: true, formData: collected, oversized: [] };
    }
    if (type !== 'multipart/form-data') return { ok: false, reason: 'unreadable', formData: collected };
    let files = 0;
    const oversized: string[] = [];
    // Each part is appended to `collected` as it is accepted, so a refusal keeps what came before.
    const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
      check(name);
      const skip = filename !== undefined && limits.skipOversizedFiles === true;
      const bytes = await readPart(data, filename === undefined ? MAX_FIELD_BYTES : limits.maxFileBytes, skip);
      if (bytes === null) oversized.push(name);
      else if (filename === undefined) collected.append(name, new TextDecoder().decode(bytes));
      else if (bytes.byteLength > 0 && ++files > limits.maxFiles) throw new FormLimitError('tooManyFields');
      else collected.append(name, new File([bytes], filename, { type: contentType }));
      return undefined;
    };
    await unstable_parseMultipartFormData(request, handler);
    return { ok: true, formData: collected, oversized };
  } catch (error) {
    if (error instanceof FormLimitError) return { ok: false, reason: error.reason, formData: collected };
    if (error instanceof BodyTooLargeError || (error instanceof Error && error.name === 'BodyTooLargeError')) return { ok: false, reason: 'tooLarge', formData: collected };
    return { ok: false, reason: 'unreadable', formData: collected };
  }
}

/** A part's bytes; null for one over `max` that `skip` lets through (read to its end, kept nowhere). */
async function readPart(data: AsyncIterable<Uint8Array>, max: number, skip = false): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > max && !skip) throw new FormLimitError('tooLarge');
    if (size <= max) chunks.push(chunk);
  }
  return size > max ? null : new Uint8Array(Buffer.concat(chunks));
}
