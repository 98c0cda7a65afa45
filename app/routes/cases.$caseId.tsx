import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CASE_ID_PATTERN } from '~/cases/case-store';
import { toCaseView } from '~/cases/case-view';
import { ExchangeDelivery } from '~/components/case/exchange-delivery';
import { ReturnShipping } from '~/components/case/return-shipping';
import { useFormatters } from '~/components/format';
import { getTranslator } from '~/i18n.server';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { recordShopperTracking, ShopperTrackingSchema } from '~/labels/shopper-tracking';
import { readGuardedForm, refusalOf, refusedReply } from '~/security/form-guard.server';
import { FORM_TOKEN_FIELD } from '~/security/form-token-field';
import { notFound } from '~/utils/http.server';

export const handle = { i18n: ['common', 'returns'] };

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }, { name: 'robots', content: 'noindex' }];

/** The case, for the session of its order only: another order's case looks exactly like one that does not exist. */
async function requireOwnCase(request: Request, caseId: string | undefined, services: LoaderFunctionArgs['context']['services']) {
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now: services.clock() });
  const id = caseId ?? '';
  const found = CASE_ID_PATTERN.test(id) ? await services.cases.getCase(id) : null;
  if (!found || found.orderId !== session.orderId) throw notFound();
  return found;
}

export async function loader({ request, params, context: { services } }: LoaderFunctionArgs) {
  const found = await requireOwnCase(request, params.caseId, services);
  const t = await getTranslator(request, 'returns');
  const view = toCaseView(found, await services.cases.listEvents(found.id), { helpdesk: services.helpdesk !== null, returnAddress: services.brand.returnAddress });
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
  const found = await requireOwnCase(request, params.caseId, services);
  const submission = parseWithZod(form.formData, { schema: ShopperTrackingSchema });
  const recorded = await recordShopperTracking({ cases: services.cases, clock: services.clock }, found, Object.fromEntries(form.formData));
  if (recorded.ok) return redirect(`/cases/${found.id}`, 303);
  if (recorded.reason === 'invalid') return data({ result: submission.reply({ hideFields: [FORM_TOKEN_FIELD] }) }, { status: 400 });
  return data({ result: submission.reply({ formErrors: ['returns:tracking.errors.notExpected'], hideFields: [FORM_TOKEN_FIELD] }) }, { status: 409 });
}

export default function CasePage() {
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('returns');
  const format = useFormatters();
  return (
    <article aria-labelledby="case-title" className="space-y-6">
      <header className="rounded-lg border-l-4 border-brand-600 bg-white p-5 shadow-sm">
        <p className="text-sm text-gray-700">{view.orderName}</p>
        <h1 id="case-title" className="text-2xl font-bold text-brand-900">{t('case.title', { id: view.id })}</h1>
        <p className="mt-1 text-lg font-semibold">{t(`case.state.${view.state}`)}</p>
        <p className="mt-2 text-gray-800">{t('case.intro', { id: view.id })}</p>
        {view.decline ? (
          <section aria-labelledby="case-declined" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3">
            <h2 id="case-declined" className="font-semibold text-red-900">{t('case.declined.title')}</h2>
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
      <ReturnShipping caseId={view.id} view={view.shipping} trackingResult={actionData?.result} />
      {view.state !== 'declined' ? (
        <ExchangeDelivery lines={view.lines.flatMap((line) => (line.exchange && line.decision !== 'declined' ? [{ ...line, exchange: line.exchange }] : []))} parcel={view.exchangeParcel} released={view.exchangeReleased} />
      ) : null}
      <section aria-labelledby="case-items" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="case-items" className="text-xl font-bold text-brand-900">{t('case.items')}</h2>
        <ul className="mt-2 divide-y divide-brand-100">
          {view.lines.map((line) => (
            <li key={line.fulfillmentLineItemId} className="py-2">
              <p className="font-medium">{line.quantity} × {line.title}</p>
              <p className="text-sm text-gray-700">{t(`case.decision.${line.decision}`)}</p>
              {line.exchange ? (
                <div className="mt-2 space-y-1 rounded-md bg-brand-50 p-2 text-sm">
                  <p className="font-semibold">{t('review.exchangeFor', { item: `${line.exchange.productTitle} — ${line.exchange.variantTitle}` })}</p>
                  {line.decision !== 'declined' ? (
                    <p>
                      {line.exchange.settle === 'invoice' && view.balancePaid
                        ? t('case.exchange.paid', { amount: format.money(line.exchange.difference) })
                        : t(`review.settle.${line.exchange.settle}`, { amount: format.money(line.exchange.difference) })}
                    </p>
                  ) : null}
                </div>
              ) : null}
              {line.photoUrls.length ? (
                <ul className="mt-2 flex flex-wrap gap-2">
                  {line.photoUrls.map((url, index) => (
                    <li key={url}><img src={url} alt={t('case.photo', { number: index + 1 })} width={80} height={80} className="size-20 rounded-md object-cover" /></li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
        {view.refunded ? (
          <p className="mt-3 flex justify-between border-t border-brand-100 pt-3 font-bold">
            <span>{t('review.estimatedRefund')}</span>
            <span>{format.money(view.estimatedRefund)}</span>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="case-timeline" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="case-timeline" className="text-xl font-bold text-brand-900">{t('case.timeline')}</h2>
        <ol className="mt-3 space-y-3 border-l-2 border-brand-100 pl-4">
          {view.events.map((event) => (
            <li key={event.id}>
              <p className="font-medium">{t(`case.event.${event.type}`)}</p>
              <p className="text-sm text-gray-700"><time dateTime={event.at}>{format.dateTime(event.at)}</time></p>
            </li>
          ))}
        </ol>
      </section>
      <p><a href="/order" className="font-semibold text-brand-700 underline underline-offset-2">{t('case.backToOrder')}</a></p>
    </article>
  );
}
