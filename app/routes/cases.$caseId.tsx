import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_ID_PATTERN } from '~/cases/case-store';
import { toCaseView, type CaseViewOf } from '~/cases/case-view';
import type { CaseKind } from '~/cases/kinds';
import { AddressChangeCaseBody } from '~/components/case/address-change-case-body';
import { CancellationCaseBody } from '~/components/case/cancellation-case-body';
import { ProblemCaseBody } from '~/components/case/problem-case-body';
import { ReturnCaseBody } from '~/components/case/return-case-body';
import { useFormatters } from '~/components/format';
import { getLanguage, getTranslator } from '~/i18n.server';
import { getClauseTitle } from '~/policy/policy-page';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { recordShopperTracking, ShopperTrackingSchema } from '~/labels/shopper-tracking';
import { readGuardedForm, refusalOf, refusedReply } from '~/security/form-guard.server';
import { FORM_TOKEN_FIELD } from '~/security/form-token-field';
import { notFound } from '~/utils/http.server';

export const handle = { i18n: ['common', 'returns', 'cancel', 'policy', 'problem', 'orders', 'address'] };

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? 'Comptoir' },
  { name: 'robots', content: 'noindex' },
  // A cancellation or an address change being carried out: the page looks again by itself, even with JavaScript off.
  ...((data?.view.kind === 'cancellation' && data.view.progress === 'cancelling') || (data?.view.kind === 'address_change' && data.view.progress === 'changing')
    ? [{ httpEquiv: 'refresh', content: '3' } as const] : []),
];

/** The case, for the session of its order only: another order's case looks exactly like one that does not exist. */
async function requireOwnCase(request: Request, caseId: string | undefined, services: LoaderFunctionArgs['context']['services']) {
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now: services.clock() });
  const id = caseId ?? '';
  const found = CASE_ID_PATTERN.test(id) ? await services.cases.getCase(id) : null;
  if (!found || found.orderId !== session.orderId) throw notFound();
  return { found, sessionId: session.id };
}

export async function loader({ request, params, context: { services } }: LoaderFunctionArgs) {
  const { found, sessionId } = await requireOwnCase(request, params.caseId, services);
  const t = await getTranslator(request, 'returns');
  const language = await getLanguage(request);
  const view = toCaseView(found, await services.cases.listEvents(found.id), {
    helpdesk: services.helpdesk !== null, returnAddress: services.brand.returnAddress, clauseTitle: (id) => getClauseTitle(services.policy, id, language),
    viewerSessionId: sessionId,
  });
  return { view, title: `${t('case.title', { id: found.id })} · ${services.brand.name}` };
}

/**
 * The shopper's carrier and tracking number, for a return they post themselves (the store's own
 * flow): recorded on the case and, by a job, on the Shopify return; the page then follows it.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readGuardedForm(request, context);
  if (!form.ok) return data({ result: refusedReply(request, form, ShopperTrackingSchema) }, { status: refusalOf(request, form).status });
  const { services } = context;
  const { found } = await requireOwnCase(request, params.caseId, services);
  const submission = parseWithZod(form.formData, { schema: ShopperTrackingSchema });
  const recorded = await recordShopperTracking({ cases: services.cases, clock: services.clock }, found, Object.fromEntries(form.formData));
  if (recorded.ok) return redirect(`/cases/${found.id}`, 303);
  if (recorded.reason === 'invalid') return data({ result: submission.reply({ hideFields: [FORM_TOKEN_FIELD] }) }, { status: 400 });
  return data({ result: submission.reply({ formErrors: ['returns:tracking.errors.notExpected'], hideFields: [FORM_TOKEN_FIELD] }) }, { status: 409 });
}

type CaseBodyProps<K extends CaseKind> = { view: CaseViewOf<K>; trackingResult: SubmissionResult<string[]> | undefined };

/** Each kind's own part of the page, by kind: a new kind adds its line here. */
const CASE_BODIES: { [K in CaseKind]: (props: CaseBodyProps<K>) => ReactNode } = {
  return: ({ view, trackingResult }) => <ReturnCaseBody view={view} trackingResult={trackingResult} />,
  cancellation: ({ view }) => <CancellationCaseBody view={view} />,
  problem: ({ view }) => <ProblemCaseBody view={view} />,
  address_change: ({ view }) => <AddressChangeCaseBody view={view} />,
};

/** One cast: TypeScript cannot tie `CASE_BODIES[view.kind]` to `view` itself (see kindOf). */
const CaseBody = (props: CaseBodyProps<CaseKind>) => (CASE_BODIES[props.view.kind] as (props: CaseBodyProps<CaseKind>) => ReactNode)(props);

export default function CasePage() {
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('returns');
  const format = useFormatters();
  return (
    <article aria-labelledby="case-title" className="space-y-6">
      <header className="rounded-lg border-l-4 border-brand-600 bg-white p-5 shadow-sm">
        <p className="text-sm text-gray-700">{view.orderName}</p>
        <h1 id="case-title" className="text-2xl font-bold text-brand-900">{t([`case.titles.${view.kind}`, 'case.title'], { id: view.id })}</h1>
        <p className="mt-1 text-lg font-semibold">{t(view.stateKeys)}</p>
        <p className="mt-2 text-gray-800">{t('case.intro', { id: view.id })}</p>
        {view.decline ? (
          <section aria-labelledby="case-declined" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3">
            <h2 id="case-declined" className="font-semibold text-red-900">{t([`case.declined.byKind.${view.kind}.title`, 'case.declined.title'])}</h2>
            {view.decline.reason !== 'OTHER' ? <p className="mt-1 text-gray-900">{t('case.declined.reason', { reason: t(`case.declined.reasons.${view.decline.reason}`) })}</p> : null}
            {view.decline.note ? (
              <figure className="mt-2">
                <figcaption className="text-sm font-medium text-gray-800">{t('case.declined.note')}</figcaption>
                <blockquote className="mt-1 whitespace-pre-line border-l-4 border-red-200 pl-3 text-gray-900">{view.decline.note}</blockquote>
              </figure>
            ) : null}
          </section>
        ) : null}
        {view.helpdesk.status !== 'none' ? (
          <p className="mt-2 text-gray-800">
            {t(view.helpdesk.status === 'with_team' ? 'case.helpdesk.withTeam' : 'case.helpdesk.pending')}
            {view.helpdesk.emailed ? ` ${t('case.helpdesk.emailed')}` : null}
          </p>
        ) : null}
      </header>
      <CaseBody view={view} trackingResult={actionData?.result} />
      <section aria-labelledby="case-timeline" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="case-timeline" className="text-xl font-bold text-brand-900">{t('case.timeline')}</h2>
        <ol className="mt-3 space-y-3 border-l-2 border-brand-100 pl-4">
          {view.events.map((event) => (
            <li key={event.id}>
              <p className="font-medium">{t([`case.kindEvents.${view.kind}.${event.type}`, `case.event.${event.type}`])}</p>
              <p className="text-sm text-gray-700"><time dateTime={event.at}>{format.dateTime(event.at)}</time></p>
            </li>
          ))}
        </ol>
      </section>
      <p><a href="/order" className="font-semibold text-brand-700 underline underline-offset-2">{t('case.backToOrder')}</a></p>
    </article>
  );
}
