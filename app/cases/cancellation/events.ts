/** Logged when some items were cancelled (by refunding them before they ship); the order itself stays open. */
export const ITEMS_CANCELLED_EVENT = 'items_cancelled';
