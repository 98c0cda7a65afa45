import { useTranslation } from 'react-i18next';
import { useEmbedded, useLeaveFrameProps } from './embed';

/** Always visible in sandbox mode, so nobody mistakes the demo store for a real one; one line in a chat panel. */
export function SandboxBanner() {
  const { t } = useTranslation('common');
  const embedded = useEmbedded();
  const leaveFrame = useLeaveFrameProps();
  return (
    <div className={`bg-amber-100 text-center text-amber-950 ${embedded ? 'px-3 py-1 text-xs' : 'px-4 py-2 text-sm'}`} role="note">
      {t('sandboxBanner')}{' '}
      <a href="/__sandbox/orders" {...leaveFrame} className="font-semibold underline underline-offset-2">
        {t('sandboxOrders')}
      </a>
    </div>
  );
}
