import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';

const LIVE = { COMPTOIR_MODE: 'live', SHOPIFY_SHOP_DOMAIN: 'a.myshopify.com', SHOPIFY_ADMIN_TOKEN: 'shpat_x1', SHOPIFY_API_SECRET: 'x'.repeat(32), COMPTOIR_SECRET: 'y'.repeat(40) };
const problems = (env: Record<string, string>) => {
  try {
    parseEnv(env);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('mail configuration', () => {
  it('needs no SMTP server in the sandbox: the loopback mailbox stands in', () => {
    expect(parseEnv({}).mail).toEqual({ smtpUrl: null, from: null });
  });

  it('refuses to run live without an SMTP server and a sender, naming both', () => {
    const message = problems(LIVE);
    expect(message).toContain('SMTP_URL: is required in live mode');
    expect(message).toContain('MAIL_FROM: is required in live mode');
  });

  it('runs live with an smtps:// or smtp:// URL and a sender', () => {
    const mail = { SMTP_URL: 'smtps://mailer:s3cret@smtp.example.com:465', MAIL_FROM: 'Maison Lumière <no-reply@maison-lumiere.example>' };
    expect(parseEnv({ ...LIVE, ...mail }).mail).toEqual({ smtpUrl: mail.SMTP_URL, from: mail.MAIL_FROM });
    expect(parseEnv({ ...LIVE, ...mail, SMTP_URL: 'smtp://smtp.example.com:587', MAIL_FROM: 'no-reply@maison-lumiere.example' }).mail.smtpUrl).toBe('smtp://smtp.example.com:587');
  });

  it('rejects another kind of URL and a sender that could carry a header', () => {
    expect(problems({ SMTP_URL: 'https://smtp.example.com' })).toContain('SMTP_URL: must be an smtp:// or smtps:// URL');
    expect(problems({ MAIL_FROM: 'Shop <no-reply@shop.example>\r\nBcc: all@victims.example' })).toContain('MAIL_FROM: must be a sender');
    expect(problems({ MAIL_FROM: 'not an address' })).toContain('MAIL_FROM: must be a sender');
  });
});
