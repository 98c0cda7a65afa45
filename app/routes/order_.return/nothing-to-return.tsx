import { useTranslation } from 'react-i18next';
import type { ItemReturnabilityView } from '~/cases/return/order-returnability';
import { useLeaveFrameProps } from '~/components/embed';
import { UnreturnableItems } from '~/routes/order/unreturnable-items';

/** The return page when nothing can be returned: each item with its reason, and the way back. */
export function NothingToReturn({ orderName, contactEmail, items }: { orderName: string; contactEmail: string; items: ItemReturnabilityView[] }) {
  const { t } = useTranslation(['returns', 'policy']);
  const leaveFrame = useLeaveFrameProps();
  // mailto wants %20, not the + that URLSearchParams writes for spaces.
  const contactHref = `mailto:${contactEmail}?${new URLSearchParams({ subject: t('onOrder.contactSubject', { order: orderName }) }).toString().replace(/\+/g, '%20')}`;
  return (
    <section aria-labelledby="return-title" className="space-y-6">
      <header className="rounded-lg bg-white p-5 shadow-sm">
        <h1 id="return-title" className="text-2xl font-bold text-brand-900">{t('title', { name: orderName })}</h1>
        <p className="mt-2 text-gray-800">{t('errors.nothingReturnable')}</p>
        <p className="mt-2"><a href="/policy" className="font-semibold text-brand-700 underline underline-offset-2">{t('policyLink')}</a></p>
      </header>
      <div className="rounded-lg bg-white p-5 shadow-sm">
        <UnreturnableItems items={items} headingLevel={2} title={t('onOrder.whyTitle')} />
        <p className="mt-2">
          <a href={contactHref} {...leaveFrame} className="font-semibold text-brand-700 underline underline-offset-2">{t('policy:nextBest.contact')}</a>
        </p>
      </div>
      <p><a href="/order" className="font-semibold text-brand-700 underline underline-offset-2">{t('onOrder.backToOrder')}</a></p>
    </section>
  );
}
