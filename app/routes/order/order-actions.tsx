import { useTranslation } from 'react-i18next';
import type { OrderActionView, OrderActionsView } from '~/cases/order-actions';
import { PolicyReasonText } from '~/components/policy/reason-text';

const link = 'inline-block rounded-md border-2 border-brand-700 px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50';

function Action({ name, action }: { name: 'cancel' | 'address'; action: OrderActionView }) {
  const { t } = useTranslation('orders');
  const title = t(`actions.${name}.title`);
  return (
    <li className="space-y-1 py-3">
      {action.status === 'offered' ? (
        <>
          <a href={action.href} className={link}>{t(`actions.${name}.${action.mode}`)}</a>
          <p className="text-sm text-gray-700">{t(`actions.${name}.hint.${action.mode}`)}</p>
        </>
      ) : action.status === 'open' ? (
        <p><span className="font-semibold">{title}</span> — <a href={`/cases/${action.caseId}`} className="font-semibold text-brand-700 underline underline-offset-2">{t('actions.open', { id: action.caseId })}</a></p>
      ) : (
        <>
          <p className="font-semibold">{title}</p>
          <p className="text-gray-800"><PolicyReasonText reason={action.reason} /></p>
        </>
      )}
    </li>
  );
}

/** Cancelling the order and changing its address: offered, under way, or why not. */
export function OrderActions({ actions }: { actions: OrderActionsView }) {
  const { t } = useTranslation('orders');
  const shown = (['cancel', 'address'] as const).flatMap((name) => (actions[name] ? [{ name, action: actions[name]! }] : []));
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="actions-title" className="rounded-lg bg-white p-5 shadow-sm">
      <h2 id="actions-title" className="text-xl font-bold text-brand-900">{t('actions.title')}</h2>
      <ul className="divide-y divide-brand-100">
        {shown.map(({ name, action }) => <Action key={name} name={name} action={action} />)}
      </ul>
    </section>
  );
}
