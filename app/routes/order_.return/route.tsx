import { parseWithZod } from '@conform-to/zod/v4';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { randomUUID } from 'node:crypto';
import { runReturnStep } from '~/cases/return-flow.server';
import { ReturnFormSchema } from '~/cases/return-form';
import { prepareReturn } from '~/cases/return-request';
import { toReturnFormView, toReturnReviewView } from '~/cases/return-view';
import { getLanguage, getTranslator } from '~/i18n.server';
import { readGuardedForm, refusalOf, refusedReply } from '~/security/form-guard.server';
import type { FormLimits } from '~/security/read-form.server';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { notFound } from '~/utils/http.server';
import { orServiceUnavailable } from '~/utils/upstream.server';
import { ReturnFormStep } from './return-form-step';
import { ReturnReviewStep } from './return-review-step';
import { returnDeps } from './return-deps.server';

export const handle = { i18n: ['common', 'orders', 'policy', 'returns'] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }, { name: 'robots', content: 'noindex' }];

/**
 * Up to 100 lines (ReturnFormSchema), each with a few fields, kept photo keys and photos. A photo
 * may be 10 MB; a part slightly larger still reaches the photo check and its clear message.
 */
const RETURN_FORM_LIMITS: FormLimits = { maxFields: 1000, maxIndex: 99, maxFiles: 20, maxFileBytes: 10 * 1024 * 1024 + 64 * 1024 };

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const prepared = await orServiceUnavailable(() => prepareReturn(returnDeps(services), session.orderId, now));
  if (!prepared) throw notFound();
  const t = await getTranslator(request, 'returns');
  const view = toReturnFormView(prepared, services.policy, await getLanguage(request));
  return { view, orderName: session.orderName, contactEmail: services.config.contactEmail, idempotencyKey: randomUUID(), title: `${t('title', { name: session.orderName })} · ${services.brand.name}` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readGuardedForm(request, context, RETURN_FORM_LIMITS);
  if (!form.ok) {
    const droppedFiles = form.reason === 'tooLarge' || [...(form.formData?.values() ?? [])].some((value) => typeof value !== 'string' && value.size > 0);
    const result = refusedReply(request, form, ReturnFormSchema, droppedFiles ? ['returns:errors.photosAgain'] : []);
    return data({ step: 'form' as const, result, photos: keptPhotoKeys(form.formData) }, { status: refusalOf(request, form).status });
  }
  const { services } = context;
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const submission = parseWithZod(form.formData, { schema: ReturnFormSchema });
  if (submission.status !== 'success') return data({ step: 'form' as const, result: submission.reply(), photos: {} }, { status: 400 });

  const language = await getLanguage(request);
  const step = await orServiceUnavailable(() =>
    runReturnStep(
      { ...returnDeps(services), photos: services.photos },
      { form: submission.value, orderId: session.orderId, orderName: session.orderName, sessionId: session.id, language, ticketId: session.ticketId },
      now,
    ),
  );
  switch (step.step) {
    case 'submitted':
      return redirect(`/cases/${step.caseId}`);
    case 'gone':
      throw notFound();
    case 'review': {
      const view = toReturnFormView(step.prepared, services.policy, language);
      return { step: 'review' as const, result: submission.reply(), photos: step.photos, review: toReturnReviewView(step.quote, view, services.policy, language) };
    }
    case 'form':
      return data({ step: 'form' as const, result: submission.reply({ formErrors: step.formErrors, fieldErrors: step.fieldErrors }), photos: step.photos }, { status: 400 });
  }
}

const MAX_KEPT_PHOTOS = 5;

/**
 * Photos accepted at an earlier step, to offer again after a refused post. They are signed for
 * the session, so the next step keeps only this shopper's own; files just chosen are not kept.
 */
function keptPhotoKeys(formData: FormData | null): Record<number, string[]> {
  const kept: Record<number, string[]> = {};
  for (const [name, value] of formData?.entries() ?? []) {
    const index = /^lines\[(\d{1,3})\]\.photoKeys$/.exec(name)?.[1];
    if (index === undefined || typeof value !== 'string' || value.length > 300) continue;
    const line = (kept[Number(index)] ??= []);
    if (line.length < MAX_KEPT_PHOTOS) line.push(value);
  }
  return kept;
}

export default function ReturnPage() {
  const { view, orderName, contactEmail, idempotencyKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.step === 'review') {
    return <ReturnReviewStep orderName={orderName} review={actionData.review} result={actionData.result} photos={actionData.photos} />;
  }
  return <ReturnFormStep orderName={orderName} contactEmail={contactEmail} view={view} idempotencyKey={idempotencyKey} result={actionData?.result ?? null} photos={actionData?.photos ?? {}} />;
}
