import { z } from 'zod';

/*
 * What an address-change case holds beyond the envelope (`cases.details`): the order's shipping
 * address before, the one the shopper asked for, the clause that allowed it, and when the code
 * sent to the order's email was checked. Shopify's answer is in the case's events
 * (`address_changed`, `store_refused`), written once it comes.
 */

const part = z.string().nullable();

/** The order's shipping address when the case opened, as Shopify had it: any part may be missing. */
export const CaseAddressSchema = z.object({
  firstName: part, lastName: part, address1: part, address2: part, city: part, provinceCode: part, countryCode: part, zip: part, phone: part,
});
export type CaseAddress = z.infer<typeof CaseAddressSchema>;

/** The new address as `checkNewAddress` cleaned it: what is written to Shopify, whole. */
export const NewCaseAddressSchema = CaseAddressSchema.extend({
  lastName: z.string().min(1).max(255), address1: z.string().min(1).max(255), city: z.string().min(1).max(255), countryCode: z.string().regex(/^[A-Z]{2}$/),
});

export const AddressChangeDetailsSchema = z.object({
  clauseId: z.string(),
  oldAddress: CaseAddressSchema,
  newAddress: NewCaseAddressSchema,
  /** When the shopper typed the right code from the order's email (ISO instant). */
  codeCheckedAt: z.iso.datetime(),
  /**
   * The shopper session that typed the code (its hash, useless as a credential): that session
   * sees both addresses in full on the case page; any other sees them masked, like the order page.
   */
  sessionId: z.string().min(1),
});
export type AddressChangeDetails = z.infer<typeof AddressChangeDetailsSchema>;
