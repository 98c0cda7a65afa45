import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { randomUUID } from 'node:crypto';
import { CANCEL_PICK_LINES_MAX, CancelPostSchema } from '~/cases/cancellation/cancel-form';
import { loadCancelPage, submitCancellation } from '~/cases/cancellation/cancel-request.server';
import { toCancelPageView } from '~/cases/cancellation/cancel-view';
import { getLanguage, getTranslator } from '~/i18n.server';
import { readGuardedForm, refusedReply, refusalOf } from '~/security/form-guard.server';
import type { FormLimits } from '~/security/read-form.server';
import { FORM_TOKEN_FIELD } from '~/security/form-token-field';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { notFound } from '~/utils/http.server';
import { orServiceUnavailable } from '~/utils/upstream.server';
import { cancelDeps } from './cancel-deps.server';
import { CancelOrderPage } from './cancel-page';

/** Six fields, and two per line the shopper may pick among: bounded before anything is read. */
const CANCEL_FORM_LIMITS: FormLimits = { maxFields: 8 + 2 * CANCEL_PICK_LINES_MAX, maxIndex: CANCEL_PICK_LINES_MAX - 1, maxFiles: 0, maxFileBytes: 0 };

export const handle = { i18n: ['common', 'orders', 'policy', 'returns', 'cancel'] };

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const page = await orServiceUnavailable(() => loadCancelPage(cancelDeps(services), session.orderId, now));
  if (page.kind === 'existing') throw redirect(`/cases/${page.caseId}`, 303);
  if (page.kind === 'gone') throw notFound();
  const [t, language] = await Promise.all([getTranslator(request, 'cancel'), getLanguage(request)]);
  return {
    view: toCancelPageView(page.verdict, page.order, services.policy, language),
    orderName: session.orderName,
    contactEmail: services.config.contactEmail,
    // A new key each time the page is drawn: the same form sent twice opens one case.
    idempotencyKey: randomUUID(),
    title: `${t('pageTitle', { name: session.orderName })} · ${services.brand.name}`,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readGuardedForm(request, context, CANCEL_FORM_LIMITS);
  if (!form.ok) return data({ result: refusedReply(request, form, CancelPostSchema) }, { status: refusalOf(request, form).status });
  const { services } = context;
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const submission = parseWithZod(form.formData, { schema: CancelPostSchema });
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: [FORM_TOKEN_FIELD] }) }, { status: 400 });
  const shopper = { orderId: session.orderId, orderName: session.orderName, language: await getLanguage(request), ticketId: session.ticketId ?? null };
  const result = await orServiceUnavailable(() => submitCancellation(cancelDeps(services), shopper, submission.value, now));
  if ('gone' in result) throw notFound();
  if (result.ok) return redirect(`/cases/${result.caseId}`, 303);
  return data({ result: submission.reply({ formErrors: [`cancel:errors.${result.error}`], hideFields: [FORM_TOKEN_FIELD] }) }, { status: 409 });
}

export default function CancelRoute() {
  const { view, orderName, contactEmail, idempotencyKey } = useLoaderData<typeof loader>();
  return <CancelOrderPage view={view} orderName={orderName} contactEmail={contactEmail} idempotencyKey={idempotencyKey} lastResult={useActionData<typeof action>()?.result} />;
}
