import { KINDS, type CaseKind } from '~/cases/kinds';

/*
 * The public reply Gorgias emails the shopper once per case, in the shopper's language. Like the
 * agent notes, the wording lives in code: a worker writes it into an email, no page shows it. What
 * the request is called comes from its kind (`KINDS[kind].text`).
 */

export type ShopperReplyInput = {
  caseId: string; kind: CaseKind; orderName: string; customerName: string | null;
  /** Who signs the reply: the store, not the software. */
  storeName: string;
  /** The case page; null when the portal's public address is unknown, since a relative link is no link in an email. */
  caseUrl: string | null;
};

const TEXT = {
  en: {
    subject: (request: string, id: string, order: string) => `Your ${request} ${id} for order ${order}`,
    hello: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    body: (request: string, id: string, order: string) => [
      `Our support team has your ${request} for order ${order}. Its reference is ${id}: mention it if you write to us about it.`,
      'We have everything you told us, so there is no need to send it again.',
    ],
    follow: 'Follow your request here:',
    followHint: '(if asked, look your order up again with its number and your email address)',
    answer: 'We will answer you in this conversation.',
    signature: (store: string) => `The ${store} team`,
  },
  fr: {
    subject: (request: string, id: string, order: string) => `Votre ${request} ${id} pour la commande ${order}`,
    hello: (name: string | null) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    body: (request: string, id: string, order: string) => [
      `Notre équipe support a bien reçu votre ${request} pour la commande ${order}. Sa référence est ${id} : rappelez-la si vous nous écrivez à son sujet.`,
      'Nous avons tout ce que vous nous avez indiqué, inutile de nous le renvoyer.',
    ],
    follow: 'Suivez votre demande ici :',
    followHint: '(si on vous le demande, retrouvez votre commande avec son numéro et votre adresse e-mail)',
    answer: 'Nous vous répondrons dans cette conversation.',
    signature: (store: string) => `L’équipe ${store}`,
  },
} as const;

/** Subject and text of the reply; a language other than French gets English. */
export function toShopperReply(input: ShopperReplyInput, language: string): { subject: string; bodyText: string } {
  const text = language === 'fr' ? TEXT.fr : TEXT.en;
  const request = KINDS[input.kind].text[language === 'fr' ? 'fr' : 'en'].request;
  return {
    subject: text.subject(request, input.caseId, input.orderName),
    bodyText: [
      text.hello(input.customerName),
      '',
      ...text.body(request, input.caseId, input.orderName),
      '',
      ...(input.caseUrl ? [`${text.follow} ${input.caseUrl}`, text.followHint, ''] : []),
      text.answer,
      '',
      text.signature(input.storeName),
    ].join('\n'),
  };
}
