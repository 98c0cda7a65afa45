/**
 * The two app servers playwright.config.ts starts (see the comment there). `E2E_PORT` moves
 * both (shared on it, isolated on the next), so two checkouts can run their specs side by side.
 */
const base = Number(process.env.E2E_PORT ?? 4173);
export const SHARED_URL = `http://127.0.0.1:${base}`;
export const ISOLATED_URL = `http://127.0.0.1:${base + 1}`;
/** Failed lookups one client may make on the isolated server before it is locked out. */
export const ISOLATED_CLIENT_MAX = 3;
/** Failed lookups one order number may take before it is locked (the app's default). */
export const ORDER_MAX = 5;
