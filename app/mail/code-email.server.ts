import { createInstance } from 'i18next';
import type { Language } from '~/i18n';
import type { CodePurpose } from '~/verification/code-rules';
import enMail from '../../locales/en/mail.json';
import frMail from '../../locales/fr/mail.json';
import type { MailMessage } from './ports';

/*
 * Emails are written on the server only, so their words stay out of the pages' bundle
 * (app/i18n.ts): the `mail` namespace has its own i18next instance, loaded synchronously.
 */
export const mailResources = { en: { mail: enMail }, fr: { mail: frMail } } as const;

const i18n = createInstance();
void i18n.init({ resources: mailResources, lng: 'en', fallbackLng: 'en', ns: ['mail'], defaultNS: 'mail', interpolation: { escapeValue: false }, initImmediate: false });

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export type CodeEmailInput = { code: string; purpose: CodePurpose; storeName: string; language: Language; validMinutes: number };

/**
 * The email that carries a one-time code, in the shopper's language, as text and as HTML. The code
 * appears in the body only (never the subject, which phones show on a locked screen), and every
 * value is escaped in the HTML, the store's name included.
 */
export function toCodeEmail({ code, purpose, storeName, language, validMinutes }: CodeEmailInput): Omit<MailMessage, 'to'> {
  const t = i18n.getFixedT(language, 'mail');
  const words = {
    subject: t('code.subject', { storeName }),
    greeting: t('code.greeting'),
    intro: t(`code.intro.${purpose}`),
    expiry: t('code.expiry', { minutes: validMinutes }),
    neverShare: t('code.neverShare', { storeName }),
    ignore: t('code.ignore'),
    signature: t('code.signature', { storeName }),
  };
  const text = [words.greeting, '', words.intro, '', code, '', words.expiry, words.neverShare, '', words.ignore, '', words.signature, ''].join('\n');
  const p = (line: string, style = '') => `<p style="margin:0 0 16px;${style}">${escapeHtml(line)}</p>`;
  const html = `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(words.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f5f2;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;line-height:1.5">
<div style="max-width:32rem;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
${p(storeName, 'font-weight:600;font-size:18px')}
${p(words.greeting)}
${p(words.intro)}
${p(code, 'font-size:32px;font-weight:700;letter-spacing:6px;font-family:ui-monospace,Menlo,Consolas,monospace')}
${p(words.expiry)}
${p(words.neverShare)}
${p(words.ignore, 'color:#555555')}
${p(words.signature)}
</div>
</body>
</html>
`;
  return { subject: words.subject, text, html };
}
