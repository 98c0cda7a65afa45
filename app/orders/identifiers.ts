/**
 * What shoppers type is messy: "#1001", "1001", " 1001 ", "N° 1001". We keep the characters an order
 * name can hold and compare names without their "#", case-insensitively.
 */
const ORDER_TOKEN = /^[A-Z0-9][A-Z0-9-]{0,31}$/;

export function parseOrderNumber(input: string): string | null {
  const token = input
    .normalize('NFKC')
    .trim()
    .replace(/^(?:n°|no\.?|order|commande)\s*/i, '')
    .replace(/^#\s*/, '')
    .replace(/\s+/g, '')
    .toUpperCase();
  return ORDER_TOKEN.test(token) ? token : null;
}

/** True when a Shopify order name ("#1001") is the order number the shopper typed ("1001"). */
export function isSameOrderNumber(orderName: string, orderNumber: string): boolean {
  return parseOrderNumber(orderName) === orderNumber;
}

export function normalizeEmail(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Postal codes are compared without spaces, dashes or case ("k1a 0a1" = "K1A-0A1"). */
export function normalizeZip(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

/** Phones are compared on their last 9 digits, so "+33 6 12 34 56 78" matches "06 12 34 56 78". */
export function normalizePhone(input: string): string {
  return input.replace(/\D+/g, '').slice(-9);
}
