/** The two app servers playwright.config.ts starts (see the comment there). */
export const SHARED_URL = 'http://127.0.0.1:4173';
export const ISOLATED_URL = 'http://127.0.0.1:4174';
/** Failed lookups one client may make on the isolated server before it is locked out. */
export const ISOLATED_CLIENT_MAX = 3;
/** Failed lookups one order number may take before it is locked (the app's default). */
export const ORDER_MAX = 5;
