import { useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLeaveFrameProps } from './embed';
import { useNonce } from './nonce';

/** What the root loader tells every page about the store's brand (app/brand/). */
export type BrandView = {
  name: string;
  logoUrl: string | null;
  /** Overrides of the stylesheet's `--color-brand-*` variables; null keeps Comptoir's colours. */
  css: string | null;
  contact: { email: string; url: string | null };
};

export const useBrand = () => useRouteLoaderData<{ brand: BrandView }>('root')?.brand ?? null;

/**
 * The store's colours as CSS variables, so a merchant's accent needs no rebuild. The CSP lets
 * styles come only from our own files and from elements carrying the request's nonce.
 */
export function BrandStyle({ css }: { css: string | null }) {
  const nonce = useNonce();
  if (!css) return null;
  return <style nonce={nonce} dangerouslySetInnerHTML={{ __html: css }} />;
}

/** The header's home link: the store's logo and name, and what this site is for. */
export function StoreHomeLink({ brand, embedded }: { brand: BrandView | null; embedded: boolean }) {
  const { t } = useTranslation('common');
  const name = brand?.name ?? t('appName');
  return (
    <a href="/" className={`flex min-w-0 items-center gap-2 ${embedded ? 'text-base' : 'text-lg'} font-bold text-brand-900`}>
      {brand?.logoUrl ? (
        <img src={brand.logoUrl} alt={name} width={embedded ? 28 : 36} height={embedded ? 28 : 36} className={`${embedded ? 'size-7' : 'size-9'} shrink-0 object-contain`} />
      ) : null}
      <span className="flex min-w-0 flex-col leading-tight">
        {/* The logo's alt already says the name: read once, shown twice. */}
        <span aria-hidden={brand?.logoUrl ? true : undefined} className="truncate">{name}</span>
        {embedded ? null : <span className="text-sm font-normal text-gray-700">{t('tagline')}</span>}
      </span>
    </a>
  );
}

/** "Contact us: help@… · our help page", for the footer and the error pages. */
export function ContactLine({ contact, className }: { contact: BrandView['contact']; className?: string }) {
  const { t } = useTranslation('common');
  const leaveFrame = useLeaveFrameProps();
  const link = 'font-semibold text-brand-700 underline underline-offset-2';
  return (
    <p className={className}>
      {t('contactUs')}{' '}
      <a href={`mailto:${contact.email}`} {...leaveFrame} className={`${link} inline-block max-w-full break-all`}>{contact.email}</a>
      {contact.url ? (
        <>
          {' · '}
          <a href={contact.url} {...leaveFrame} className={link}>{t('contactPage')}</a>
        </>
      ) : null}
    </p>
  );
}
