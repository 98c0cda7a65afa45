import { z } from 'zod';
import { LABEL_PROVIDERS } from '~/labels/ports';
import { createAddressChangeSchema } from './address-change-schema';
import { createProblemsSchema } from './problems-schema';

/**
 * The shape of a store's return policy file (YAML or JSON). One file both decides returns and
 * renders the public policy page, so every rule names the clause that explains it. Objects are
 * strict: a misspelt key is an error naming its path, not a rule silently ignored.
 */

/** YAML reads an unquoted 3.2 as a number (and 3.10 as 3.1), so the message says to quote it. */
const ClauseIdSchema = z
  .string({ error: 'must be a clause number in quotes, such as "3.2"' })
  .regex(/^\d+(\.\d+)+$/, 'must be a clause number in quotes, such as "3.2"');
const SlugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, such as "size-too-small"');
const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"');
const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as "FR"');
const PercentSchema = z.number().min(0).max(100);

/** YAML reads `fee: 4.90` as a number; both spellings are accepted and kept as a string. */
const DecimalSchema = z
  .union([z.string(), z.number().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^\d+(\.\d+)?$/, 'must be a decimal amount such as "4.90"'));

/**
 * A fixed amount: one decimal in the store currency, or one per currency the store sells in
 * (orders are charged in the shopper's currency, and a fee is never converted on the fly).
 */
export const AmountSchema = z.union([DecimalSchema, z.record(CurrencyCodeSchema, DecimalSchema)]);
export type Amount = z.infer<typeof AmountSchema>;

export const LocalizedTextSchema = z.strictObject({
  en: z.string().trim().min(1),
  fr: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const OutcomeSchema = z.enum(['refund', 'exchange', 'store_credit']);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const NextBestSchema = z.enum(['exchange', 'contact']);
export type NextBest = z.infer<typeof NextBestSchema>;

export const WindowStartSchema = z.enum(['delivery', 'fulfillment', 'order']);
export type WindowStart = z.infer<typeof WindowStartSchema>;

export const ExclusionSchema = z.strictObject({
  clause: ClauseIdSchema,
  kind: z.enum(['tag', 'productType', 'vendor', 'sku']),
  /** Compared without regard to case or surrounding spaces, as Shopify treats tags. */
  values: z.array(z.string().trim().min(1)).min(1),
  nextBest: z.array(NextBestSchema).default(['contact']),
});
export type Exclusion = z.infer<typeof ExclusionSchema>;

/**
 * Exchanges: which other items a returned one may be swapped for, how a price difference is
 * settled and when the new item ships. Which reasons allow an exchange at all is each reason's
 * `outcomes`; this section says what an exchange may be.
 */
export const ExchangesSchema = z.strictObject({
  /** The clause that explains exchanges: quoted by every exchange offered or refused. */
  clause: ClauseIdSchema,
  /** Another product instead of another size or colour of the same one: where from, and how near in price. */
  acrossProducts: z
    .strictObject({
      among: z.enum(['none', 'product-type', 'collection', 'any']),
      /** How far the other product's price may be from the returned item's, in percent of it. */
      priceRangePercent: PercentSchema.default(20),
    })
    .default({ among: 'none', priceRangePercent: 20 }),
  priceDifference: z
    .strictObject({
      /** The new item costs more: the shopper pays the difference (Shopify sends an invoice), or it is not offered. */
      higher: z.enum(['invoice', 'not-offered']).default('invoice'),
      /** The new item costs less: the difference refunded, given as store credit, or kept by the store. */
      lower: z.enum(['refund', 'store-credit', 'kept']).default('refund'),
    })
    .default({ higher: 'invoice', lower: 'refund' }),
  /**
   * When the new item ships: at once for orders worth less than `instantBelow` ("instant
   * exchange"; larger orders wait for the return to be on its way), once the return is on its
   * way, or once the store has received it.
   */
  ship: z
    .strictObject({ when: z.enum(['instant', 'in-transit', 'received']), instantBelow: AmountSchema.optional() })
    .refine((ship) => ship.when !== 'instant' || ship.instantBelow !== undefined, { message: 'an instant exchange needs instantBelow, the order value under which it ships at once', path: ['instantBelow'] }),
  /** Whether the new item's stock is held from the request until it ships. */
  holdStock: z.boolean().default(true),
  /** A variant with this many units or fewer left says "only N left". */
  lowStockAt: z.int().min(0).max(100).default(3),
});
export type ExchangesPolicy = z.infer<typeof ExchangesSchema>;

export const CancellationRefundMethodSchema = z.enum(['original_payment', 'store_credit', 'shopper_choice']);
export type CancellationRefundMethod = z.infer<typeof CancellationRefundMethodSchema>;

/**
 * Order tags that take an order out of self-service cancellation: `review` makes it a request
 * the team answers (is it already being made?), `refuse` rules it out — meant for goods the law
 * lets a store refuse to take back, made to the shopper's specifications.
 */
export const CancellationExclusionSchema = z.strictObject({
  clause: ClauseIdSchema,
  /** Compared without regard to case or surrounding spaces, as Shopify treats tags. */
  tags: z.array(z.string().trim().min(1)).min(1),
  then: z.enum(['review', 'refuse']).default('review'),
});
export type CancellationExclusion = z.infer<typeof CancellationExclusionSchema>;

/**
 * Cancelling an order nothing of which has shipped. Hours count from the order (Shopify's
 * processedAt); each window is open until the instant it closes, exclusive. Within `windowHours`
 * the order is cancelled at once; then, until `reviewWindowHours` (left out: no such period),
 * the shopper may ask and the team decides; beyond, only "contact us" is left.
 */
export const CancellationSchema = z
  .strictObject({
    clause: ClauseIdSchema,
    /** 0: every cancellation is a request the team reviews. */
    windowHours: z.int().min(0).max(720),
    reviewWindowHours: z.int().min(0).max(2160).optional(),
    /** Orders whose total is above this amount go to review (equal to it: still at once). */
    maxValue: AmountSchema.optional(),
    excludedTags: z.array(CancellationExclusionSchema).default([]),
    /** Whether the shopper may cancel some items only rather than the whole order. */
    partial: z.boolean().default(false),
    refundMethod: CancellationRefundMethodSchema.default('original_payment'),
    restock: z.boolean().default(true),
    notifyCustomer: z.boolean().default(true),
  })
  .refine((rules) => (rules.reviewWindowHours ?? rules.windowHours) >= rules.windowHours, {
    message: 'must be at least windowHours: the review period follows the self-service window', path: ['reviewWindowHours'],
  })
  .transform(({ reviewWindowHours, ...rules }) => ({ ...rules, reviewWindowHours: reviewWindowHours ?? rules.windowHours }));
export type CancellationPolicy = z.infer<typeof CancellationSchema>;

export const ReasonSchema = z.strictObject({
  id: SlugSchema,
  /** A handle of Shopify's standardized return reasons (Admin API 2026-01 and later). */
  shopifyHandle: SlugSchema,
  clause: ClauseIdSchema,
  label: LocalizedTextSchema,
  outcomes: z.array(OutcomeSchema).min(1),
  photos: z.int().min(0).max(10).default(0),
  /**
   * The condition checks (ids of `conditions.items`) a shopper confirms for this reason: a faulty
   * item need not be unworn. Left out, every condition is asked, as before reasons could say.
   */
  conditions: z.array(SlugSchema).optional(),
  returnShipping: z.strictObject({
    paidBy: z.enum(['customer', 'store']),
    fee: AmountSchema.optional(),
  }),
  review: z.boolean().default(false),
  /**
   * Who makes the label for this reason, over COMPTOIR_LABEL_PROVIDER: a prepaid label from `loop`
   * or `aftership` where the store pays, `store` where the shopper ships it themselves.
   */
  labelProvider: z.enum(LABEL_PROVIDERS, 'must be loop, aftership or store').optional(),
});
export type Reason = z.infer<typeof ReasonSchema>;

const ClauseSchema = z.strictObject({
  id: ClauseIdSchema,
  title: LocalizedTextSchema,
  text: LocalizedTextSchema,
});

const SectionSchema = z.strictObject({
  id: z.string().regex(/^\d+$/, 'must be a section number such as "3"'),
  title: LocalizedTextSchema,
  clauses: z.array(ClauseSchema).min(1),
});

export const PolicyFileSchema = z.strictObject({
  format: z.literal(1),
  store: z.strictObject({
    name: z.string().trim().min(1),
    currency: CurrencyCodeSchema,
    /** Where the store ships: decides whether the EU/UK guardrail applies at load. */
    shipsTo: z.array(CountryCodeSchema).min(1),
  }),
  title: LocalizedTextSchema,
  /** The clause that says units already returned, or on their way back, are not offered again. */
  scope: z.strictObject({ clause: ClauseIdSchema }),
  window: z.strictObject({
    clause: ClauseIdSchema,
    days: z.int().positive().max(365),
    /** Tried in order; the first one known starts the count. */
    countFrom: z.array(WindowStartSchema).min(1),
    /** Days a parcel is assumed to travel when the carrier never confirmed delivery. */
    transitDays: z.int().min(0).max(60),
  }),
  giftCards: z.strictObject({ clause: ClauseIdSchema }),
  exclusions: z.array(ExclusionSchema).default([]),
  conditions: z.strictObject({
    clause: ClauseIdSchema,
    items: z.array(z.strictObject({ id: SlugSchema, label: LocalizedTextSchema })),
  }),
  reasons: z.array(ReasonSchema).min(1),
  refunds: z.strictObject({
    clause: ClauseIdSchema,
    originalPayment: z.boolean(),
    storeCredit: z.strictObject({ enabled: z.boolean(), bonusPercent: PercentSchema.default(0) }),
    restockingFee: z.strictObject({
      percent: PercentSchema,
      waivedFor: z.array(OutcomeSchema).default([]),
    }),
  }),
  review: z.strictObject({
    clause: ClauseIdSchema,
    maxOrderValue: AmountSchema.optional(),
    maxPreviousReturns: z.int().min(0).optional(),
    periodDays: z.int().positive().max(730).default(90),
  }),
  keepItem: z.strictObject({ clause: ClauseIdSchema, below: AmountSchema }).optional(),
  /** Without it, no reason offers an exchange, whatever its `outcomes` say. */
  exchanges: ExchangesSchema.optional(),
  /** Without it, the portal offers no cancellation: a shopper is told to contact the store. */
  cancellation: CancellationSchema.optional(),
  /** Without it, the portal offers no address change: a shopper is told to contact the store. */
  addressChange: createAddressChangeSchema({ clause: ClauseIdSchema }).optional(),
  /** Without it, no problem report is offered online: a shopper is told to contact the store. */
  problems: createProblemsSchema({ clause: ClauseIdSchema, amount: AmountSchema }).optional(),
  sections: z.array(SectionSchema).min(1),
}).superRefine((file, ctx) => {
  const known = new Set(file.conditions.items.map((item) => item.id));
  file.reasons.forEach((reason, index) => {
    reason.conditions?.forEach((id, at) => {
      if (!known.has(id)) ctx.addIssue({ code: 'custom', path: ['reasons', index, 'conditions', at], message: `must be one of conditions.items: ${[...known].join(', ')}` });
    });
  });
});

export type PolicyFile = z.infer<typeof PolicyFileSchema>;

/** A policy as loaded: the file's rules plus its version, the hash of the file's bytes. */
export type Policy = PolicyFile & { version: string };

/** An amount in a given currency, or null when the policy names none for that currency. */
export function getAmount(amount: Amount, currencyCode: string, storeCurrency: string): string | null {
  if (typeof amount === 'string') return currencyCode === storeCurrency ? amount : null;
  return amount[currencyCode] ?? null;
}

/** The condition checks a reason asks for, in the policy's order. */
export function getReasonConditions(policy: Pick<PolicyFile, 'conditions' | 'reasons'>, reasonId: string): string[] {
  const reason = policy.reasons.find((candidate) => candidate.id === reasonId);
  const all = policy.conditions.items.map((item) => item.id);
  if (!reason) return all;
  return reason.conditions ? all.filter((id) => reason.conditions!.includes(id)) : all;
}
