import { z } from 'zod';

/** Where the new address may be: in the order's own country only, or in any the store ships to. */
export const AddressChangeCountriesSchema = z.enum(['same', 'shipping_countries'], 'must be same or shipping_countries');
export type AddressChangeCountries = z.infer<typeof AddressChangeCountriesSchema>;

/** The clause schema comes from policy-schema.ts, which imports this file: taking it here avoids an import cycle. */
type Primitives = { clause: z.ZodType<string> };

/**
 * The policy file's `addressChange` section: changing an order's shipping address while nothing
 * of it has shipped or is being prepared. Hours count from the order (Shopify's processedAt); the
 * window is open until the instant it closes, exclusive. Another country changes shipping rates,
 * taxes and duties, which the change does not recharge: `same` keeps the new address in the
 * order's country.
 */
export function createAddressChangeSchema({ clause }: Primitives) {
  return z.strictObject({
    clause,
    windowHours: z.int().min(1).max(720),
    countries: AddressChangeCountriesSchema.default('same'),
    /** Order tags that rule a self-service change out (an order under a fraud check, say), each with its clause. */
    excludedTags: z.array(z.strictObject({
      clause,
      /** Compared without regard to case or surrounding spaces, as Shopify treats tags. */
      tags: z.array(z.string().trim().min(1)).min(1),
    })).default([]),
    /** Whether the new address must carry a phone number (some carriers call before delivering). */
    requirePhone: z.boolean().default(false),
  });
}

export type AddressChangePolicy = z.infer<ReturnType<typeof createAddressChangeSchema>>;
