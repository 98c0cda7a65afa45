import { describe, expect, it } from 'vitest';
import { mailResources, toCodeEmail } from './code-email.server';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`)));
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]).sort();

const input = { code: '042917', purpose: 'address_change', storeName: 'Maison Lumière', validMinutes: 10 } as const;

describe('the one-time code email', () => {
  it('has the same keys and placeholders in French as in English, none empty', () => {
    const en = new Map(flatten(mailResources.en.mail));
    const fr = new Map(flatten(mailResources.fr.mail));
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of fr) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(en.get(key)!));
    }
  });

  it('says in English what the code is for, that it expires in 10 minutes, and what to do if it was not asked for', () => {
    const email = toCodeEmail({ ...input, language: 'en' });
    expect(email.subject).toBe('Your Maison Lumière verification code');
    expect(email.text).toBe(
      'Hello,\n\nHere is your code to change the delivery address of your order:\n\n042917\n\nIt expires in 10 minutes and works only once.\n' +
        'Keep it to yourself: Maison Lumière will never ask you for it by phone or by email.\n\n' +
        'If you did not ask for this code, you can ignore this email: nothing changes without it.\n\nThe Maison Lumière team\n',
    );
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('>042917</p>');
  });

  it('speaks French to a French shopper', () => {
    const email = toCodeEmail({ ...input, language: 'fr' });
    expect(email.subject).toBe('Votre code de vérification Maison Lumière');
    expect(email.text).toContain('Voici votre code pour modifier l’adresse de livraison de votre commande :\n\n042917');
    expect(email.text).toContain('Il expire dans 10 minutes');
    expect(email.text).toContain('ignorez simplement cet e-mail');
    expect(email.html).toContain('<html lang="fr">');
    expect(email.html).toContain('L’équipe Maison Lumière');
  });

  it('escapes every value in the HTML, the store name included, and keeps the code out of the subject', () => {
    const email = toCodeEmail({ ...input, storeName: 'Bad <script>alert("x")</script> & Co', language: 'en' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Bad &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(email.text).toContain('Bad <script>alert("x")</script> & Co will never ask');
    expect(email.subject).not.toContain('042917');
  });
});
