import { z } from 'zod';
import type { ApiContext } from './context.server';
import { parseWith } from './parse-body.server';
import { gorgiasError, json } from './responses.server';
import type { Store } from './store.server';

const UploadQuerySchema = z.strictObject({
  type: z.enum(['attachment', 'public_attachment', 'profile_picture', 'widget_picture']).default('attachment'),
});

// Only these are shown inline; anything else downloads, so an uploaded page cannot run on our origin.
const INLINE_TYPES = /^image\/(png|jpeg|gif|webp)$|^application\/pdf$|^text\/plain$/;

/**
 * `POST /api/upload?type=…`: multipart, one part per file → 201 `[{url, name, size, content_type}]`.
 * A file over `maxBytes` is a 413; the URLs point at `/__sandbox/gorgias/files/<id>` on `publicUrl`.
 */
export async function postUpload(ctx: ApiContext, maxBytes: number, publicUrl: string): Promise<Response> {
  parseWith(UploadQuerySchema, Object.fromEntries(ctx.url.searchParams), 'Invalid query parameters.');
  if (!ctx.request.headers.get('content-type')?.startsWith('multipart/form-data')) {
    return gorgiasError(400, 'Upload must be multipart/form-data.');
  }
  let form: FormData;
  try {
    form = await ctx.request.formData();
  } catch {
    return gorgiasError(400, 'Malformed multipart body.');
  }
  const files = [...form.values()].filter((value): value is File => typeof value !== 'string');
  if (files.length === 0) return gorgiasError(400, 'No file to upload.', { file: ['Missing data for required field.'] });
  const tooLarge = files.find((f) => f.size > maxBytes);
  if (tooLarge) return gorgiasError(413, `File too large: ${tooLarge.name} is over ${maxBytes} bytes.`);

  const uploaded = [];
  for (const file of files) {
    const id = `f${ctx.store.nextId('file').toString(36)}${crypto.randomUUID().slice(0, 8)}`;
    const contentType = file.type || 'application/octet-stream';
    ctx.store.files.set(id, { id, name: file.name, content_type: contentType, bytes: new Uint8Array(await file.arrayBuffer()), created_datetime: ctx.store.now() });
    // Gorgias' examples show size as a string; the client must accept both, so the sandbox sends the string.
    uploaded.push({ url: `${publicUrl}/__sandbox/gorgias/files/${id}`, name: file.name, size: String(file.size), content_type: contentType });
  }
  return json(uploaded, 201);
}

/** `GET /__sandbox/gorgias/files/<id>`: the uploaded bytes, sandboxed by CSP. */
export function serveFile(store: Store, id: string): Response | null {
  const file = store.files.get(id);
  if (!file) return null;
  const disposition = INLINE_TYPES.test(file.content_type) ? 'inline' : 'attachment';
  return new Response(file.bytes, {
    headers: {
      'Content-Type': file.content_type,
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
