import { useTranslation } from 'react-i18next';

/** Always visible in sandbox mode, so nobody mistakes the demo store for a real one. */
export function SandboxBanner() {
  const { t } = useTranslation('common');
  return (
    <div className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950" role="note">
      {t('sandboxBanner')}{' '}
      <a href="/__sandbox/orders" className="font-semibold underline underline-offset-2">
        {t('sandboxOrders')}
      </a>
    </div>
  );
}
