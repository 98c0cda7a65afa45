import { z } from 'zod';
import type { BrandConfig } from './brand';
import { HEX_COLOUR, toBrandPalette } from './palette';

/**
 * The store's brand, as a fragment of the configuration (composed by app/env.server.ts): the
 * name, logo, accent colour, contact and return address shoppers see instead of Comptoir's.
 * Nothing here is a secret, and all of it takes effect at start, with no rebuild.
 */

/** A path under public/, served by the portal itself: no `..`, no query, an image extension. */
const PUBLIC_IMAGE = /^\/(?!.*\.\.)[\w./-]+\.(?:svg|png|jpe?g|webp|gif|avif)$/i;
const LOGO_MESSAGE = 'must be an https:// address of an image, or a path under public/ such as /brand/logo.svg';

// One line of the return address, or the whole name: printable text, no control characters.
const PRINTABLE = /^[^\p{Cc}]+$/u;

const httpsUrl = (message: string) => z.url({ protocol: /^https$/, error: message });

export const BrandEnvShape = {
  COMPTOIR_STORE_NAME: z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(60, 'must be at most 60 characters: it heads every page on a phone')
    .regex(PRINTABLE, 'must be one line of text')
    .optional(),
  COMPTOIR_STORE_LOGO: z
    .string()
    .refine((value) => PUBLIC_IMAGE.test(value) || httpsUrl(LOGO_MESSAGE).safeParse(value).success, LOGO_MESSAGE)
    .optional(),
  COMPTOIR_STORE_ACCENT: z.string().regex(HEX_COLOUR, 'must be a colour written #rrggbb, such as #1f5c4d').optional(),
  COMPTOIR_CONTACT_EMAIL: z.email('must be an email address').default('help@comptoir-demo.example'),
  COMPTOIR_CONTACT_URL: httpsUrl('must be an https:// address (your contact or help page)').optional(),
  COMPTOIR_RETURN_ADDRESS: z
    .string()
    .transform((value) => value.split(/\s*(?:\||\r?\n|\\n)\s*/).map((line) => line.trim()).filter(Boolean))
    .pipe(z
      .array(z.string().max(80, 'must have lines of at most 80 characters').regex(PRINTABLE, 'must be printable text'))
      .min(2, 'must have at least two lines, separated by | (e.g. "Returns|12 rue des Lilas|69002 Lyon|France")')
      .max(8, 'must have at most 8 lines, separated by |'))
    .optional(),
};

type BrandEnv = { COMPTOIR_MODE: 'sandbox' | 'live' } & z.infer<z.ZodObject<typeof BrandEnvShape>>;

/**
 * The sandbox's demo store, so the sandbox shows a brand that is not Comptoir's: a gold accent
 * too light for text on white, which the palette darkens for text (see palette.ts).
 */
export const SANDBOX_BRAND = {
  logoUrl: '/brand/maison-lumiere.svg',
  accent: '#d99a1e',
  returnAddress: ['Maison Lumière — Service retours', 'Entrepôt des Canuts', '14 rue des Artisans', '69004 Lyon', 'France'],
} as const;

export function toBrandConfig(env: BrandEnv): BrandConfig {
  const sandbox = env.COMPTOIR_MODE === 'sandbox';
  const accent = env.COMPTOIR_STORE_ACCENT ?? (sandbox ? SANDBOX_BRAND.accent : null);
  return {
    name: env.COMPTOIR_STORE_NAME ?? null,
    logoUrl: env.COMPTOIR_STORE_LOGO ?? (sandbox ? SANDBOX_BRAND.logoUrl : null),
    palette: accent ? toBrandPalette(accent) : null,
    contact: { email: env.COMPTOIR_CONTACT_EMAIL, url: env.COMPTOIR_CONTACT_URL ?? null },
    returnAddress: env.COMPTOIR_RETURN_ADDRESS ?? (sandbox ? [...SANDBOX_BRAND.returnAddress] : null),
  };
}

/** The origin a logo is loaded from when it is not the portal's own, for the CSP's `img-src`. */
export const toLogoOrigin = (brand: Pick<BrandConfig, 'logoUrl'>) =>
  brand.logoUrl?.startsWith('https://') ? new URL(brand.logoUrl).origin : null;
