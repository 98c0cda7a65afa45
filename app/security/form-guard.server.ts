import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import type { AppLoadContext } from '@remix-run/node';
import type { z } from 'zod';
import { log, logClientError } from '~/utils/log.server';
import { isEmbedded } from './embed.server';
import { FORM_TOKEN_FIELD } from './form-token-field';
import { hasValidFormToken } from './form-token.server';
import { readForm, SMALL_FORM, type FormLimits, type FormRefusal } from './read-form.server';
import { isOwnOriginPost, ownOrigins } from './request-origin';

export type GuardedForm =
  | { ok: true; formData: FormData; oversized: string[] }
  /**
   * `formData` is what was posted (for a form past its limits, what was read before them, every
   * name checked), to show it again; null when the post came from elsewhere.
   */
  | { ok: false; reason: 'origin' | 'token' | FormRefusal; formData: FormData | null };

/** The status of a post refused by the origin or token check: the page explains and shows the form again. */
export const FORM_REFUSED_STATUS = 403;

/**
 * The first thing every form action does (a test holds each route to it): checks that the post
 * comes from the portal's own page, reads the body within `limits` (readForm: bounded before
 * anything parses it whole), and checks the form's token. Nothing else may run before it answers
 * `ok`. The JSON endpoints Gorgias calls with a bearer key are the only actions without it: no
 * browser holds that key.
 */
export async function readGuardedForm(
  request: Request,
  context: Pick<AppLoadContext, 'services' | 'requestOrigin'>,
  limits: FormLimits = SMALL_FORM,
): Promise<GuardedForm> {
  const { config } = context.services;
  const headers = { origin: context.requestOrigin, referer: request.headers.get('Referer'), fetchSite: request.headers.get('Sec-Fetch-Site') };
  if (!isOwnOriginPost(headers, ownOrigins(request.url, config.publicUrl))) {
    log.warn('form.refused', { reason: 'origin' });
    return { ok: false, reason: 'origin', formData: null };
  }
  const read = await readForm(request, limits);
  if (!read.ok) {
    logClientError('form.refused', { status: refusalOf(request, read).status, reason: read.reason });
    return read;
  }
  const { formData, oversized } = read;
  if (!(await hasValidFormToken(request, formData.get(FORM_TOKEN_FIELD), { secret: config.secret, live: !config.sandbox }))) {
    log.warn('form.refused', { reason: 'token' });
    return { ok: false, reason: 'token', formData };
  }
  return { ok: true, formData, oversized };
}

/** The translated message keys of a refused post; inside an iframe, with the way out of it. */
export const formRefusedErrors = (request: Request) =>
  isEmbedded(request) ? ['common:errors.formExpired', 'common:errors.formExpiredEmbedded'] : ['common:errors.formExpired'];

/** The status and translated message keys of a refused post, by why it was refused. */
export function refusalOf(request: Request, form: Extract<GuardedForm, { ok: false }>): { status: number; errors: string[] } {
  switch (form.reason) {
    case 'origin':
    case 'token':
      return { status: FORM_REFUSED_STATUS, errors: formRefusedErrors(request) };
    case 'tooLarge':
      return { status: 413, errors: ['common:errors.formTooLarge'] };
    default:
      return { status: 400, errors: ['common:errors.formUnreadable'] };
  }
}

/**
 * A Conform reply for a refused post: the values as typed (nothing checked, nothing done with
 * them; names already bounded by readForm) and the refusal as the form's only error.
 */
export function refusedReply(request: Request, form: Extract<GuardedForm, { ok: false }>, schema: z.ZodType, more: string[] = []): SubmissionResult<string[]> {
  const submission = parseWithZod(form.formData ?? new FormData(), { schema });
  return { ...submission.reply({ hideFields: [FORM_TOKEN_FIELD] }), status: 'error', error: { '': [...refusalOf(request, form).errors, ...more] } };
}
