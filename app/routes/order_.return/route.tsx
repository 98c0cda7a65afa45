import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { loadReturnStep, postReturnStep, type Shopper } from '~/cases/return/return-flow.server';
import { ReturnStepNameSchema } from '~/cases/drafts/return-draft';
import { ReturnStepFormSchema } from '~/cases/return/return-form';
import { toReturnStepView } from '~/cases/return/return-step-view';
import { getLanguage, getTranslator } from '~/i18n.server';
import { readGuardedForm, refusalOf } from '~/security/form-guard.server';
import type { FormLimits } from '~/security/read-form.server';
import type { ShopperSession } from '~/session/ports';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { notFound } from '~/utils/http.server';
import { orServiceUnavailable } from '~/utils/upstream.server';
import { returnDeps } from './return-deps.server';
import { NothingToReturn } from './nothing-to-return';
import { nothingToReturn } from './nothing-to-return.server';
import { ReturnSteps } from './return-steps';

export const handle = { i18n: ['common', 'orders', 'policy', 'returns'] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }, { name: 'robots', content: 'noindex' }];

/**
 * Up to 100 lines, each with a few fields and up to five photos of 10 MB (a slightly larger part
 * still reaches the photo check and its clear message; a much larger one is dropped and named).
 */
const RETURN_FORM_LIMITS: FormLimits = { maxFields: 1000, maxIndex: 99, maxFiles: 20, maxFileBytes: 10 * 1024 * 1024 + 64 * 1024, skipOversizedFiles: true };

const shopperOf = (session: ShopperSession, language: string): Shopper => ({
  orderId: session.orderId, orderName: session.orderName, sessionId: session.id, language, ticketId: session.ticketId,
});

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const language = await getLanguage(request);
  const requested = new URL(request.url).searchParams.get('step');
  const page = await orServiceUnavailable(() => loadReturnStep(returnDeps(services), shopperOf(session, language), requested, now));
  if (page.kind === 'redirect') throw redirect(page.location, 303);
  if (page.kind === 'gone') throw notFound();
  const t = await getTranslator(request, 'returns');
  // Nothing left to return: why, item by item, instead of an empty first step.
  const unreturnable = page.step === 'items' ? await nothingToReturn(services, session.orderId, page.prepared, language, now) : null;
  return {
    view: toReturnStepView(page, services.policy, language),
    unreturnable,
    orderName: session.orderName,
    contactEmail: services.config.contactEmail,
    title: `${t(`steps.${page.step}`)} · ${t('title', { name: session.orderName })} · ${services.brand.name}`,
  };
}

/** Every step posts here and is answered with a redirect (303) to the page of the draft's state. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readGuardedForm(request, context, RETURN_FORM_LIMITS);
  // A refused post changes nothing: the step is shown again with why (and its status).
  if (!form.ok) return data({ refused: refusalOf(request, form).errors }, { status: refusalOf(request, form).status });
  const { services } = context;
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const submission = parseWithZod(form.formData, { schema: ReturnStepFormSchema });
  const step = ReturnStepNameSchema.catch('items').parse(form.formData.get('step'));
  const posted = submission.status === 'success' ? submission.value : { step, unreadable: true as const };
  const oversized = form.oversized.map((name) => form.formData.get(name.replace(/\.photos$/, '.id'))).filter((id): id is string => typeof id === 'string');
  const language = await getLanguage(request);
  const next = await orServiceUnavailable(() => postReturnStep(returnDeps(services), shopperOf(session, language), posted, now, oversized));
  if ('gone' in next) throw notFound();
  return redirect(next.location, 303);
}

export default function ReturnPage() {
  const { view, unreturnable, orderName, contactEmail } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.refused ?? [];
  if (unreturnable) return <NothingToReturn orderName={orderName} contactEmail={contactEmail} items={unreturnable} />;
  return <ReturnSteps view={view} orderName={orderName} contactEmail={contactEmail} refused={refused} />;
}
