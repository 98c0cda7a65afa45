import { KINDS, type CaseKind } from '~/cases/kinds';
import type { IssuedLabelDataSchema } from '~/labels/parcel-events';
import type { z } from 'zod';

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

export type LabelReplyInput = Omit<ShopperReplyInput, 'kind'> & { label: z.infer<typeof IssuedLabelDataSchema> };

const LABEL_TEXT = {
  en: {
    subject: (id: string, order: string) => `How to send back your return ${id} (order ${order})`,
    body: 'Your return is accepted. Here is how to send the items back:',
    shipBy: (date: string) => `- Post the parcel by ${date}.`,
    pack: (id: string) => `- Pack the items with care, with your reference ${id} inside the parcel.`,
    label: (url: string) => `- Print the return label and stick it on the parcel: ${url}`,
    qr: '- No printer? Your case page shows a QR code to present at the drop-off point.',
    ownCarrier: '- Send it with the carrier of your choice and keep the receipt.',
    carrier: (carrier: string) => `- Drop it off with ${carrier}.`,
    tracking: (number: string, url: string | null) => `- Tracking number: ${number}${url ? ` (${url})` : ''}`,
    address: 'Send it to:',
    portal: (url: string) => `- Finish your return and get the label here: ${url}`,
    follow: 'Follow your return here:',
    signature: (store: string) => `The ${store} team`,
  },
  fr: {
    subject: (id: string, order: string) => `Comment renvoyer votre retour ${id} (commande ${order})`,
    body: 'Votre retour est accepté. Voici comment nous renvoyer les articles :',
    shipBy: (date: string) => `- Déposez le colis au plus tard le ${date}.`,
    pack: (id: string) => `- Emballez les articles avec soin, avec votre référence ${id} dans le colis.`,
    label: (url: string) => `- Imprimez l’étiquette de retour et collez-la sur le colis : ${url}`,
    qr: '- Pas d’imprimante ? Votre page de suivi affiche un QR code à présenter au point de dépôt.',
    ownCarrier: '- Envoyez-le avec le transporteur de votre choix et gardez le justificatif.',
    carrier: (carrier: string) => `- Déposez-le chez ${carrier}.`,
    tracking: (number: string, url: string | null) => `- Numéro de suivi : ${number}${url ? ` (${url})` : ''}`,
    address: 'Adresse d’envoi :',
    portal: (url: string) => `- Terminez votre retour et obtenez l’étiquette ici : ${url}`,
    follow: 'Suivez votre retour ici :',
    signature: (store: string) => `L’équipe ${store}`,
  },
} as const;

/** The reply that tells the shopper how to send the items back, once the label is issued. */
export function toLabelReply(input: LabelReplyInput, language: string): { subject: string; bodyText: string } {
  const lang = language === 'fr' ? 'fr' : 'en';
  const text = LABEL_TEXT[lang];
  const { label } = input;
  const day = label.shipBy ? new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${label.shipBy}T12:00:00Z`)) : null;
  const steps = [
    ...(day ? [text.shipBy(day)] : []),
    text.pack(input.caseId),
    ...(label.labelUrl ? [text.label(label.labelUrl)] : []),
    ...(label.qrCodeUrl && input.caseUrl ? [text.qr] : []),
    ...(!label.labelUrl && !label.qrCodeUrl ? [label.portalUrl ? text.portal(label.portalUrl) : text.ownCarrier] : []),
    ...(label.carrier ? [text.carrier(label.carrier)] : []),
    ...(label.trackingNumber ? [text.tracking(label.trackingNumber, label.trackingUrl)] : []),
  ];
  return {
    subject: text.subject(input.caseId, input.orderName),
    bodyText: [
      TEXT[lang].hello(input.customerName),
      '',
      text.body,
      ...steps,
      ...(label.returnAddress ? ['', text.address, ...label.returnAddress] : []),
      '',
      ...(input.caseUrl ? [`${text.follow} ${input.caseUrl}`, TEXT[lang].followHint, ''] : []),
      text.signature(input.storeName),
    ].join('\n'),
  };
}
