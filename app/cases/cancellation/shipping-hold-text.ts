import type { TextLanguage } from '../kind';

/*
 * What agents read on the ticket about the shipping hold a reviewed cancellation places in
 * Shopify (shipping-hold.server.ts): held, not held and why, released, or left for them to release.
 */

const WHY: Record<TextLanguage, Record<string, string>> = {
  en: {
    in_progress: 'the order is already being prepared or shipped', closed: 'nothing is left to ship', cancelled: 'the order is cancelled',
    no_fulfillment_orders: 'Shopify lists nothing to ship', refused: 'Shopify refused',
  },
  fr: {
    in_progress: 'la commande est déjà en préparation ou expédiée', closed: 'il ne reste rien à expédier', cancelled: 'la commande est annulée',
    no_fulfillment_orders: 'Shopify n’indique rien à expédier', refused: 'Shopify a refusé',
  },
};

export const SHIPPING_HOLD_EVENTS: Record<TextLanguage, Record<string, string>> = {
  en: {
    shipping_held: 'Shipping is on hold until the team decides: Comptoir placed a fulfillment hold on the order in Shopify',
    shipping_not_held: 'Shipping could not be put on hold: the order may ship before the team decides',
    shipping_released: 'Shipping released: the hold Comptoir placed in Shopify is lifted, the order can ship',
    shipping_not_released: 'Shopify refused to release the hold: release it in Shopify (order page, Release hold) so the order ships',
  },
  fr: {
    shipping_held: 'L’expédition est suspendue jusqu’à la décision de l’équipe : Comptoir a mis la commande en attente d’expédition dans Shopify',
    shipping_not_held: 'L’expédition n’a pas pu être suspendue : la commande peut partir avant la décision de l’équipe',
    shipping_released: 'Expédition débloquée : l’attente placée par Comptoir dans Shopify est levée, la commande peut partir',
    shipping_not_released: 'Shopify a refusé de lever l’attente : levez-la dans Shopify, sur la page de la commande, pour que la commande parte',
  },
};

/** The lines under a hold event in a note; null for any other event. */
export function toShippingHoldLines(type: string, data: Record<string, unknown>, language: TextLanguage): string[] | null {
  const colon = language === 'fr' ? ' : ' : ': ';
  const messages = [data['messages']].flat().filter((message): message is string => typeof message === 'string');
  if (type === 'shipping_not_held') {
    const why = WHY[language][String(data['why'])] ?? String(data['why']);
    return [`${language === 'fr' ? 'Raison' : 'Why'}${colon}${why}`, ...(messages.length ? [`Shopify${colon}${messages.join('; ')}`] : [])];
  }
  if (type === 'shipping_not_released') return [`Shopify${colon}${messages.join('; ')}`];
  if (type === 'shipping_held' || type === 'shipping_released') return [];
  return null;
}
