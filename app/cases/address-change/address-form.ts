import { z } from 'zod';

/** The address page's two posts, by `intent`: send a code to the order's email, or change the address with it. */
export const ADDRESS_INTENTS = { send: 'send', change: 'change' } as const;

/** Bounded, not judged: checkNewAddress says what is wrong with an address, in the shopper's words. */
const field = z.string().max(1000).optional();

export const AddressChangeFormSchema = z.object({
  intent: z.literal(ADDRESS_INTENTS.change),
  idempotencyKey: z.uuid(),
  // Spaces are allowed ("123 456"); anything else that is not six digits never reaches the check.
  code: z.string('address:errors.codeRequired').max(32, 'address:errors.codeFormat').regex(/^\s*(\d\s*){6}$/, 'address:errors.codeFormat'),
  firstName: field, lastName: field, address1: field, address2: field, city: field, zip: field, provinceCode: field, countryCode: field, phone: field,
});
export type AddressChangeForm = z.infer<typeof AddressChangeFormSchema>;

export const AddressPostSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal(ADDRESS_INTENTS.send) }),
  AddressChangeFormSchema,
]);

/** The address fields of the form, as checkNewAddress reads them. */
export const ADDRESS_FIELDS = ['firstName', 'lastName', 'address1', 'address2', 'zip', 'city', 'provinceCode', 'countryCode', 'phone'] as const;
