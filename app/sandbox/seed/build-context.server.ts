import type { Catalog } from './catalog.server';
import type { IdSequence } from './ids.server';
import type { Amount } from './money.server';
import type { GqlObject } from './types.server';

/** What every order builder needs: the clock reading, the id sequence and the shared catalog. */
export type BuildContext = {
  now: Date;
  nextId: IdSequence;
  catalog: Catalog;
  reasons: Map<string, GqlObject>;
};

/** An order line while the order is being assembled; quantities are settled at the end. */
export type DraftLine = {
  item: GqlObject;
  unit: Amount;
  quantity: number;
  giftCard: boolean;
  fulfilled: number;
  refunded: number;
  /** Units in returns not yet closed (Shopify removes them from `currentQuantity`). */
  inOpenReturn: number;
};

/** `DateTime` as Shopify serialises it: whole seconds, UTC, no milliseconds. */
export function isoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ISO time `hours` before the context's clock. */
export function hoursAgo(ctx: Pick<BuildContext, 'now'>, hours: number): string {
  return isoTime(ctx.now.getTime() - Math.round(hours * 3_600_000));
}

/** Numeric part of a global id. */
export function legacyIdOf(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}
