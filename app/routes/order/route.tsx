import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { toCaseSummaries } from '~/cases/case-view';
import { toOrderActions } from '~/cases/order-actions';
import { PostForm } from '~/components/form/post-form';
import { getLanguage, getTranslator } from '~/i18n.server';
import { toOrderView } from '~/orders/order-view';
import { toStoreReturnViews } from '~/orders/store-returns';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { forwardRetryAfter, notFound } from '~/utils/http.server';
import { orServiceUnavailable } from '~/utils/upstream.server';
import { ItemList } from './item-list';
import { OrderHeadline } from './order-headline';
import { OrderActions } from './order-actions';
import { OrderCases } from './order-cases';
import { OrderSummary } from './order-summary';
import { ParcelCard } from './parcel-card';
import { getReturnability, ownReturnIds } from './returnability.server';
import { StoreReturns } from './store-returns';

export const handle = { i18n: ['common', 'orders', 'policy', 'returns'] };

export const headers: HeadersFunction = (args) => ({ 'Cache-Control': 'no-store', ...forwardRetryAfter(args) });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const order = await orServiceUnavailable(() => services.orders.getOrder(session.orderId));
  if (!order) throw notFound();
  const [t, language, found] = await Promise.all([getTranslator(request, 'orders'), getLanguage(request), services.orderCases.list(session.orderId, now)]);
  return {
    order: toOrderView(order, { now, timeZone: services.config.timeZone }),
    cases: toCaseSummaries(found),
    storeReturns: toStoreReturnViews(order, ownReturnIds(found)),
    actions: toOrderActions({ policy: services.policy, order, cases: found, now, timeZone: services.config.timeZone, language }),
    returnability: await services.orderCases.remember(`returnability:${order.id}:${language}`, now, () => getReturnability(services, order, language, now)),
    title: `${t('pageTitle', { name: order.name })} · ${services.brand.name}`,
  };
}

export default function OrderPage() {
  const { order, cases, storeReturns, returnability, actions } = useLoaderData<typeof loader>();
  const { t } = useTranslation('orders');
  return (
    <article aria-labelledby="order-title" className="space-y-6">
      <OrderHeadline order={order} />
      {order.parcels.length > 0 ? (
        <section aria-labelledby="parcels-title" className="space-y-4">
          <h2 id="parcels-title" className="text-xl font-bold text-brand-900">{t('parcels.title')}</h2>
          {order.parcels.map((parcel) => (
            <ParcelCard key={parcel.id} parcel={parcel} problemHref={actions.problems.find((found) => found.parcelId === parcel.id)?.href ?? null} />
          ))}
        </section>
      ) : null}
      {order.unshippedItems.length > 0 ? (
        <section aria-labelledby="unshipped-title" className="rounded-lg bg-white p-5 shadow-sm">
          <h2 id="unshipped-title" className="text-xl font-bold text-brand-900">{t('unshipped.title')}</h2>
          {order.parcels.length > 0 ? <p className="mt-1 text-gray-800">{t('unshipped.intro')}</p> : null}
          <ItemList items={order.unshippedItems} />
        </section>
      ) : null}
      <OrderActions actions={actions} />
      <OrderCases cases={cases} canReturn={returnability.canReturn} items={returnability.items} />
      <StoreReturns returns={storeReturns} />
      <OrderSummary order={order} />
      <PostForm action="/sign-out">
        <button type="submit" className="font-semibold text-brand-700 underline underline-offset-2">
          {t('lookAnother')}
        </button>
      </PostForm>
    </article>
  );
}
