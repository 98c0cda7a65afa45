import type { BrandPalette } from './palette';

/** The store's brand as configured (app/brand/env.server.ts); `name` null means "the policy file's". */
export type BrandConfig = {
  name: string | null;
  /** An https URL, or a path under public/ such as `/brand/logo.svg`. */
  logoUrl: string | null;
  /** Null keeps the stylesheet's own (Comptoir's) colours. */
  palette: BrandPalette | null;
  contact: { email: string; url: string | null };
  /** Where shoppers send returned items, one entry per line; null when not configured. */
  returnAddress: string[] | null;
};

export type Brand = Omit<BrandConfig, 'name'> & { name: string };

/**
 * The brand every page, email and note uses. Without COMPTOIR_STORE_NAME the store is called what
 * its return policy file calls it (`store.name`), which every installation has.
 */
export function toBrand(config: BrandConfig, policy: { store: { name: string } }): Brand {
  return { ...config, name: config.name ?? policy.store.name };
}

/** The store's name for code that holds the configuration and the policy (workers, notes). */
export const toStoreName = (config: { brand?: Pick<BrandConfig, 'name'> }, policy: { store: { name: string } }) =>
  config.brand?.name ?? policy.store.name;
