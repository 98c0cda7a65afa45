import { addDays, toZonedDate } from '~/policy/zoned-date';
import type { LabelProvider } from '../ports';

export type StoreLabelOptions = {
  /** The brand's return address (COMPTOIR_RETURN_ADDRESS), as lines to print; null when not set. */
  returnAddress: readonly string[] | null;
  /** Days the shopper has to post the parcel once the label is given: the policy's return window. */
  shipWithinDays: number | null;
  timeZone: string;
  clock: () => Date;
};

/**
 * The `store` provider: no remote service and no label. The shopper posts the parcel to the
 * brand's return address with a carrier of their choice, before a deadline the policy's window
 * sets (counted from the day the label is given), and may then type its tracking number
 * (`recordShopperTracking`). Idempotent by nature: the same case always gets the same answer.
 * Without a return address there is nowhere to send the parcel: refused, so an agent takes over.
 */
export function createStoreLabelProvider(options: StoreLabelOptions): LabelProvider {
  return {
    name: 'store',
    async requestLabel(request) {
      if (!options.returnAddress || options.returnAddress.length === 0) {
        return { status: 'refused', code: 'NO_RETURN_ADDRESS', message: 'COMPTOIR_RETURN_ADDRESS is not set: the shopper has nowhere to send the parcel' };
      }
      const shipBy = options.shipWithinDays === null ? null : addDays(toZonedDate(options.clock(), options.timeZone), options.shipWithinDays);
      return {
        status: 'issued',
        label: {
          provider: 'store', providerReturnId: request.caseId, carrier: null, trackingNumber: null, trackingUrl: null,
          labelUrl: null, qrCodeUrl: null, returnAddress: [...options.returnAddress], shipBy, portalUrl: null,
        },
      };
    },
    // Nothing was booked anywhere: nothing to cancel.
    async cancelLabel() {},
    // The store has no tracking of its own: the shopper's tracking number and Shopify's events tell.
    async getStatus() {
      return null;
    },
  };
}
