import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';
import { toBrand } from './brand';
import { toLogoOrigin } from './env.server';

const problems = (env: Record<string, string>) => {
  try {
    parseEnv(env);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('brand configuration', () => {
  it('gives the sandbox a demo brand that is not Comptoir, named by its policy file', () => {
    const { brand } = parseEnv({});
    expect(brand.logoUrl).toBe('/brand/maison-lumiere.svg');
    expect(brand.palette?.accent).toBe('#d99a1e');
    expect(brand.palette?.darkened).toBe(true);
    expect(brand.returnAddress).toContain('69004 Lyon');
    expect(brand.name).toBeNull();
    expect(toBrand(brand, { store: { name: 'Maison Lumière' } }).name).toBe('Maison Lumière');
  });

  it('takes every brand variable, the return address split on |', () => {
    const { brand } = parseEnv({
      COMPTOIR_STORE_NAME: '  Atelier Nord ', COMPTOIR_STORE_LOGO: 'https://cdn.atelier-nord.example/logo.png', COMPTOIR_STORE_ACCENT: '#1F5C4D',
      COMPTOIR_CONTACT_EMAIL: 'aide@atelier-nord.example', COMPTOIR_CONTACT_URL: 'https://atelier-nord.example/contact',
      COMPTOIR_RETURN_ADDRESS: 'Atelier Nord — Retours | 3 quai des Brumes|59000 Lille |France',
    });
    expect(brand).toMatchObject({
      name: 'Atelier Nord', logoUrl: 'https://cdn.atelier-nord.example/logo.png',
      contact: { email: 'aide@atelier-nord.example', url: 'https://atelier-nord.example/contact' },
      returnAddress: ['Atelier Nord — Retours', '3 quai des Brumes', '59000 Lille', 'France'],
    });
    expect(brand.palette?.[600]).toBe('#1f5c4d');
    expect(toBrand(brand, { store: { name: 'ignored' } }).name).toBe('Atelier Nord');
    expect(toLogoOrigin(brand)).toBe('https://cdn.atelier-nord.example');
    expect(toLogoOrigin({ logoUrl: '/brand/logo.svg' })).toBeNull();
  });

  it('keeps Comptoir colours and no logo or address in live mode unless configured', () => {
    const { brand } = parseEnv({ COMPTOIR_MODE: 'live', SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Shop <no-reply@shop.example>', SHOPIFY_SHOP_DOMAIN: 'a.myshopify.com', SHOPIFY_ADMIN_TOKEN: 'shpat_x1', SHOPIFY_API_SECRET: 'x'.repeat(32), COMPTOIR_SECRET: 'y'.repeat(40) });
    expect(brand).toMatchObject({ name: null, logoUrl: null, palette: null, returnAddress: null, contact: { url: null } });
  });

  it('names each malformed brand variable and says what it must be', () => {
    const message = problems({
      COMPTOIR_STORE_NAME: ' ', COMPTOIR_STORE_LOGO: 'http://cdn.example/logo.png', COMPTOIR_STORE_ACCENT: 'gold',
      COMPTOIR_CONTACT_URL: 'javascript:alert(1)', COMPTOIR_RETURN_ADDRESS: 'only one line',
    });
    expect(message).toContain('COMPTOIR_STORE_NAME: must not be blank');
    expect(message).toContain('COMPTOIR_STORE_LOGO: must be an https:// address of an image, or a path under public/ such as /brand/logo.svg');
    expect(message).toContain('COMPTOIR_STORE_ACCENT: must be a colour written #rrggbb, such as #1f5c4d');
    expect(message).toContain('COMPTOIR_CONTACT_URL: must be an https:// address');
    expect(message).toContain('COMPTOIR_RETURN_ADDRESS: must have at least two lines');
  });

  it('refuses logo paths that leave public/ or are not images, and over-long names and address lines', () => {
    for (const logo of ['/../server.ts', '/brand/logo.svg?x=1', 'brand/logo.svg', '/brand/logo.html']) {
      expect(problems({ COMPTOIR_STORE_LOGO: logo }), logo).toContain('COMPTOIR_STORE_LOGO: must be');
    }
    expect(problems({ COMPTOIR_STORE_NAME: 'x'.repeat(61) })).toContain('COMPTOIR_STORE_NAME: must be at most 60 characters');
    expect(problems({ COMPTOIR_STORE_NAME: 'two\u0007lines' })).toContain('COMPTOIR_STORE_NAME: must be one line of text');
    expect(problems({ COMPTOIR_RETURN_ADDRESS: `a|${'b'.repeat(81)}` })).toContain('COMPTOIR_RETURN_ADDRESS.1: must have lines of at most 80 characters');
    expect(problems({ COMPTOIR_RETURN_ADDRESS: Array.from({ length: 9 }, (_, i) => `line ${i}`).join('|') })).toContain('COMPTOIR_RETURN_ADDRESS: must have at most 8 lines');
  });
});
