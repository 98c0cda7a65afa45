import { z } from 'zod';
import type { Case, CaseStore } from '~/cases/case-store';
import { SHOPIFY_RECORD_RETURN_TRACKING } from '~/jobs/job-names';
import { toJobsOnReaching } from './label-jobs';

/*
 * The `store` provider's way back: the shopper posts the parcel with a carrier of their choice and
 * types its tracking number on the case page (the form is the case page's; this is its rule).
 */

/** Carriers a shopper may name, each with its public tracking page where it has a stable one. */
export const RETURN_CARRIERS = {
  colissimo: { name: 'Colissimo', trackingUrl: (n: string) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}` },
  chronopost: { name: 'Chronopost', trackingUrl: (n: string) => `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${n}` },
  mondial_relay: { name: 'Mondial Relay', trackingUrl: null },
  dhl: { name: 'DHL', trackingUrl: (n: string) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}` },
  ups: { name: 'UPS', trackingUrl: (n: string) => `https://www.ups.com/track?tracknum=${n}` },
  dpd: { name: 'DPD', trackingUrl: null },
  gls: { name: 'GLS', trackingUrl: null },
  other: { name: null, trackingUrl: null },
} as const satisfies Record<string, { name: string | null; trackingUrl: ((n: string) => string) | null }>;

export type ReturnCarrier = keyof typeof RETURN_CARRIERS;

/** Messages are i18n keys (locales/<lng>/returns.json), shown beside the field at fault. */
export const ShopperTrackingSchema = z.object({
  carrier: z.enum(Object.keys(RETURN_CARRIERS) as [ReturnCarrier, ...ReturnCarrier[]], 'returns:tracking.errors.carrier'),
  // Spaces and dashes as printed on a receipt are dropped; what is left is 6–40 letters and digits.
  trackingNumber: z
    .string('returns:tracking.errors.number')
    .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{6,40}$/, 'returns:tracking.errors.number')),
});

export type ShopperTracking = { carrier: string | null; trackingNumber: string; trackingUrl: string | null };

export type RecordTrackingResult =
  | { ok: true; case: Case }
  /** Field errors, as i18n keys. */
  | { ok: false; reason: 'invalid'; errors: Partial<Record<'carrier' | 'trackingNumber', string>> }
  /** The case is not waiting for a parcel the shopper ships themselves (or already has its number). */
  | { ok: false; reason: 'not_expected' };

export type RecordTrackingDeps = { cases: Pick<CaseStore, 'listEvents' | 'advance'>; clock: () => Date };

/** The carrier and number as the form sent them, checked; the tracking link where the carrier has one. */
export function parseShopperTracking(input: unknown): { ok: true; value: ShopperTracking } | { ok: false; errors: Partial<Record<'carrier' | 'trackingNumber', string>> } {
  const parsed = ShopperTrackingSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Partial<Record<'carrier' | 'trackingNumber', string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'carrier' || field === 'trackingNumber') && !errors[field]) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const carrier = RETURN_CARRIERS[parsed.data.carrier];
  const number = parsed.data.trackingNumber;
  return { ok: true, value: { carrier: carrier.name, trackingNumber: number, trackingUrl: carrier.trackingUrl?.(encodeURIComponent(number)) ?? null } };
}

/**
 * Records the tracking number the shopper typed for a return they ship themselves: logs
 * `tracking_added` and moves the case to `in_transit` in one write, with the job that records it
 * on the Shopify return (`reverseDeliveryCreateWithShipping`), off the request path. Only a case
 * whose label came from the `store` provider and that is not in transit yet takes one.
 */
export async function recordShopperTracking(deps: RecordTrackingDeps, found: Case, input: unknown): Promise<RecordTrackingResult> {
  const parsed = parseShopperTracking(input);
  if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
  if (found.state !== 'label_issued') return { ok: false, reason: 'not_expected' };
  const label = (await deps.cases.listEvents(found.id)).findLast((event) => event.type === 'label_issued');
  if (label?.data['provider'] !== 'store') return { ok: false, reason: 'not_expected' };
  const event = { at: deps.clock(), type: 'tracking_added', actor: 'shopper' as const, data: parsed.value };
  const moved = await deps.cases.advance(found.id, 'label_issued', [{ to: 'in_transit', event }], [{ name: SHOPIFY_RECORD_RETURN_TRACKING, data: { caseId: found.id } }, ...toJobsOnReaching(found, 'in_transit')]);
  return moved.ok ? { ok: true, case: moved.case } : { ok: false, reason: 'not_expected' };
}
