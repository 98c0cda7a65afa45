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
/**
 * How long a test server may take to answer /healthz. Starting is CPU-bound (PGlite runs initdb
 * in WebAssembly, then the migrations): a few seconds on an idle machine, measured at 47 s on two
 * cores with a load average of 15 and 142 s at 20. The limit only catches a server that never
 * comes up.
 */
export const SERVER_START_MS = 300_000;
