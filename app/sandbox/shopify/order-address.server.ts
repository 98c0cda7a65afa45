import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { createIdSequence } from '~/sandbox/seed/ids.server';
import type { GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import { requireGid } from './root-resolvers.server';
import { toOrderPayload } from './webhook-payloads.server';

const text = z.string().nullish();
/** `MailingAddressInput` (2026-10) without its deprecated `country`, `province` and `id`. */
const MailingAddressInputSchema = z.strictObject({
  address1: text, address2: text, city: text, company: text, countryCode: text, firstName: text, lastName: text, phone: text, provinceCode: text, zip: text,
});
const OrderUpdateArgsSchema = z.object({ input: z.object({ id: z.string(), shippingAddress: MailingAddressInputSchema.nullish() }).catchall(z.unknown()) });
type MailingAddressInput = z.infer<typeof MailingAddressInputSchema>;
type UserError = { __typename: 'UserError'; field: string[] | null; message: string };

/** Shopify keeps at most 255 characters in an address field (its staff, Shopify/active_shipping#290). */
const MAX_LENGTH = 255;
// Above the seed's MailingAddress range, so addresses written during a run never collide with seeded ones.
const MINTED_ID_BASES = { MailingAddress: 8_880_900_000 };
const ADDRESS_FIELDS = ['firstName', 'lastName', 'company', 'address1', 'address2', 'city', 'provinceCode', 'countryCodeV2', 'zip', 'phone'];
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

const userError = (field: string[] | null, message: string): UserError => ({ __typename: 'UserError', field, message });
const humanize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/([A-Z])/g, ' $1').toLowerCase();

/** Rails-style messages, as Shopify's models answer (wording inferred, not documented). */
function validate(address: MailingAddressInput): UserError[] {
  const errors: UserError[] = [];
  for (const [name, value] of Object.entries(address)) {
    if (typeof value === 'string' && value.length > MAX_LENGTH) {
      errors.push(userError(['shippingAddress', name], `${humanize(name)} is too long (maximum is ${MAX_LENGTH} characters)`));
    }
  }
  return errors;
}

function toMailingAddress(id: string, input: MailingAddressInput, previous: GqlObject | null): GqlObject {
  const value = (field: keyof MailingAddressInput) => input[field] ?? null;
  const countryCode = value('countryCode');
  const country = countryCode ? regionNames.of(countryCode) ?? countryCode : null;
  // The emulator has no zone names: the previous one when the code is unchanged, else the code.
  const province = value('provinceCode') && previous?.provinceCode === value('provinceCode') ? previous.province : value('provinceCode');
  const name = [value('firstName'), value('lastName')].filter(Boolean).join(' ') || null;
  return {
    __typename: 'MailingAddress', id,
    firstName: value('firstName'), lastName: value('lastName'), name, company: value('company'),
    address1: value('address1'), address2: value('address2'), city: value('city'), province, provinceCode: value('provinceCode'),
    country, countryCodeV2: countryCode, zip: value('zip'), phone: value('phone'),
    formatted: [value('address1'), value('address2'), [value('zip'), value('city')].filter(Boolean).join(' '), country].filter(Boolean),
    formattedArea: [value('city'), value('provinceCode'), country].filter(Boolean).join(', '),
    latitude: null, longitude: null, coordinatesValidated: false, timeZone: null,
  };
}

/**
 * `orderUpdate` with `shippingAddress`, the part of OrderInput the portal uses; any other input
 * field fails loudly. As in Shopify, the address given replaces the whole shipping address (the
 * billing address stays), `updatedAt` moves and `orders/updated` is sent. Shopify documents no
 * refusal for a fulfilled, closed or cancelled order — its admin edits their addresses too — so
 * none is made here: keeping a shipped order's address is the portal's own rule to enforce.
 * Refused: an unknown order (`["id"]`), a field over 255 characters. A `countryCode` outside the
 * enum never gets here: GraphQL refuses the variable, as Shopify does.
 */
export function createOrderAddressUpdates(options: { getSeed: () => Seed; clock: () => Date; emit: (topic: string, payload: unknown) => void }) {
  const nextId = createIdSequence(MINTED_ID_BASES);
  const payload = (order: GqlObject | null, userErrors: UserError[]) => ({ __typename: 'OrderUpdatePayload', order, userErrors });

  const orderUpdate: RootResolver = (args) => {
    const { input } = OrderUpdateArgsSchema.parse(args);
    const unsupported = Object.keys(input).filter((key) => key !== 'id' && key !== 'shippingAddress' && input[key] != null);
    if (unsupported.length) {
      throw new GraphQLError(`orderUpdate(input: {${unsupported.join(', ')}}) is not supported by the Comptoir sandbox Shopify emulator`, { extensions: { code: 'NOT_SUPPORTED_BY_EMULATOR' } });
    }
    const seed = options.getSeed();
    const found = seed.nodes.get(requireGid(input.id));
    if (found?.__typename !== 'Order') return payload(null, [userError(['id'], 'Order does not exist')]);
    const order = found as SeedOrder;
    if (!input.shippingAddress) return payload(order, []);
    const errors = validate(input.shippingAddress);
    if (errors.length) return payload(null, errors);
    const address = toMailingAddress(nextId('MailingAddress'), input.shippingAddress, (order.shippingAddress as GqlObject | null) ?? null);
    const shownAddress = order.displayAddress === order.shippingAddress;
    const billing = order.billingAddress as GqlObject | null;
    const matches = Boolean(billing) && ADDRESS_FIELDS.every((field) => (billing?.[field] ?? null) === address[field]);
    Object.assign(order, { shippingAddress: address, updatedAt: options.clock().toISOString(), billingAddressMatchesShippingAddress: matches });
    if (shownAddress) order.displayAddress = address;
    seed.nodes.set(String(address.id), address);
    options.emit('orders/updated', toOrderPayload(order));
    return payload(order, []);
  };

  return { orderUpdate };
}
