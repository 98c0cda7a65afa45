import type { LabelProvider, LabelProviderName } from './ports';

/**
 * The label providers this portal can use, by name (built in services.server.ts): `store` always,
 * Loop and AfterShip when their keys are configured (or their emulators in the sandbox).
 */
export type LabelProviders = { store: LabelProvider } & Partial<Record<Exclude<LabelProviderName, 'store'>, LabelProvider>>;

export const listProviders = (providers: LabelProviders): LabelProviderName[] =>
  (Object.keys(providers) as LabelProviderName[]).filter((name) => providers[name]);
