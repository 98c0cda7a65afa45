import { useTranslation } from 'react-i18next';
import type { ShownAddress } from '~/cases/address-change/shopper-view';
import type { CaseViewOf } from '~/cases/case-view';
import { useFormatters } from '~/components/format';

function ShownAddressBlock({ address, country }: { address: ShownAddress; country: (code: string) => string }) {
  const lines = [address.name, ...address.lines, address.countryCode ? country(address.countryCode) : null].filter((line): line is string => Boolean(line));
  return <address className="not-italic text-gray-900">{lines.map((line, index) => <span key={`${index}-${line}`} className="block">{line}</span>)}</address>;
}

/** The address change's part of the shopper's case page: where it stands, and the address before → after. */
export function AddressChangeCaseBody({ view }: { view: CaseViewOf<'address_change'> }) {
  const { t, i18n } = useTranslation('address');
  const format = useFormatters();
  const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const country = (code: string) => names.of(code) ?? code;
  const done = view.progress === 'changed';
  return (
    <>
      <section aria-labelledby="address-status" aria-live="polite" className={`space-y-2 rounded-lg p-5 shadow-sm ${done ? 'bg-green-50' : 'bg-white'}`}>
        <h2 id="address-status" className="text-xl font-bold text-brand-900">
          {done && view.changedAt ? t('case.progress.changedOn', { date: format.dateTime(view.changedAt) }) : t(`case.progress.${view.progress}`)}
        </h2>
        {view.withTeamBecause === 'too_late' ? <p className="text-gray-800">{t('case.tooLate')}</p> : null}
        {view.withTeamBecause === 'refused' ? <p className="text-gray-800">{t('case.refused')}</p> : null}
        <p className="text-gray-800">{t('case.verified')}</p>
      </section>
      <section aria-labelledby="address-before-after" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="address-before-after" className="text-xl font-bold text-brand-900">{t('case.addresses')}</h2>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <div className="rounded-md border-2 border-brand-600 p-3">
            <h3 className="font-semibold text-brand-900">{t('case.new')}</h3>
            <div className="mt-1"><ShownAddressBlock address={view.newAddress} country={country} /></div>
          </div>
          <div className="rounded-md border border-gray-300 p-3 text-gray-700">
            <h3 className="font-semibold">{t('case.old')}</h3>
            <div className="mt-1 line-through decoration-gray-400"><ShownAddressBlock address={view.oldAddress} country={country} /></div>
          </div>
        </div>
        {view.masked ? <p className="mt-3 text-sm text-gray-700">{t('case.masked')}</p> : null}
      </section>
    </>
  );
}
