import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ProblemPostSchema, ProblemQuerySchema } from '~/cases/problem/problem-form';
import { loadProblemPage, postProblem, type Shopper } from '~/cases/problem/problem-request.server';
import { getLanguage, getTranslator } from '~/i18n.server';
import { readGuardedForm, refusalOf } from '~/security/form-guard.server';
import type { FormLimits } from '~/security/read-form.server';
import type { ShopperSession } from '~/session/ports';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { notFound } from '~/utils/http.server';
import { orServiceUnavailable } from '~/utils/upstream.server';
import { ChooseStep } from './choose-step';
import { DetailsStep } from './details-step';
import { problemDeps } from './problem-deps.server';
import { linkClass, StepHeader } from './problem-parts';
import { ReviewStep } from './review-step';

export const handle = { i18n: ['common', 'orders', 'policy', 'returns', 'problem'] };

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }, { name: 'robots', content: 'noindex' }];

/**
 * A parcel's lines (up to 100) with a few fields each, ten photo keys and up to ten photos of
 * 10 MB (a slightly larger file still reaches the photo check and is named; a much larger one is
 * dropped and counted).
 */
const PROBLEM_FORM_LIMITS: FormLimits = { maxFields: 400, maxIndex: 99, maxFiles: 10, maxFileBytes: 10 * 1024 * 1024 + 64 * 1024, skipOversizedFiles: true };

const shopperOf = (session: ShopperSession, language: Shopper['language']): Shopper => ({
  orderId: session.orderId, orderName: session.orderName, sessionId: session.id, language, ticketId: session.ticketId ?? null,
});

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const search = new URL(request.url).searchParams;
  const query = ProblemQuerySchema.parse({ parcel: search.get('parcel'), type: search.get('type') });
  const language = await getLanguage(request);
  const result = await orServiceUnavailable(() => loadProblemPage(problemDeps(services), shopperOf(session, language), query, now));
  if ('gone' in result) throw notFound();
  if ('location' in result) throw redirect(result.location, 303);
  const t = await getTranslator(request, 'problem');
  return { page: result.page, orderName: session.orderName, title: `${t('pageTitle', { name: session.orderName })} · ${services.brand.name}` };
}

/** Steps 2 and 3 post here: the details answered with the offer (or what to fix), the confirmation with the case. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readGuardedForm(request, context, PROBLEM_FORM_LIMITS);
  if (!form.ok) return data({ page: null, refused: refusalOf(request, form).errors }, { status: refusalOf(request, form).status });
  const { services } = context;
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const submission = parseWithZod(form.formData, { schema: ProblemPostSchema });
  if (submission.status !== 'success') return data({ page: null, refused: ['common:errors.formUnreadable'] }, { status: 400 });
  const files = form.formData.getAll('photos').filter((value): value is File => value instanceof File);
  const oversized = form.oversized.filter((name) => name === 'photos').length;
  const shopper = shopperOf(session, await getLanguage(request));
  const result = await orServiceUnavailable(() => postProblem(problemDeps(services), shopper, submission.value, { files, oversized }, now));
  if ('gone' in result) throw notFound();
  if ('location' in result) return redirect(result.location, 303);
  return data({ page: result.page, refused: [] as string[] }, { status: result.status });
}

export default function ProblemRoute() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation('problem');
  const page = posted?.page ?? loaded.page;
  const refused = posted?.refused ?? [];
  return (
    <article aria-labelledby="problem-title" className="space-y-6">
      <StepHeader orderName={loaded.orderName} step={page.step} />
      {page.step === 'choose' ? <ChooseStep page={refused.length ? { ...page, errors: [...refused, ...page.errors] } : page} /> : null}
      {page.step === 'details' ? <DetailsStep page={page} refused={refused} /> : null}
      {page.step === 'review' ? <ReviewStep page={page} /> : null}
      <p><a href="/order" className={linkClass}>{t('back')}</a></p>
    </article>
  );
}
