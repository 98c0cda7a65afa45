import { digitsFrom } from './ids.server';

export type CarrierId = 'colissimo' | 'la-poste' | 'chronopost' | 'ups' | 'dhl-express' | 'canada-post' | 'usps';

export type Place = { city: string; province: string | null; country: string; zip: string };

type Carrier = {
  /** `FulfillmentTrackingInfo.company`, spelled as Shopify's carrier list spells it. */
  company: string;
  trackingNumber: (label: string) => string;
  trackingUrl: (number: string) => string;
  deliveredMessage: string;
  /** Where parcels leave from: the French warehouse, or the partner warehouses abroad. */
  origin: Place;
  hubs: Place[];
};

const FR = (city: string, zip: string): Place => ({ city, province: null, country: 'France', zip });
const CARQUEFOU = FR('Carquefou', '44470');
const laPosteUrl = (n: string) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}`;

export const CARRIERS: Record<CarrierId, Carrier> = {
  colissimo: {
    company: 'Colissimo',
    trackingNumber: (label) => `6A${digitsFrom(label, 11)}`,
    trackingUrl: laPosteUrl,
    deliveredMessage: 'Delivered to the letterbox',
    origin: CARQUEFOU,
    hubs: [FR('Wissous', '91320')],
  },
  'la-poste': {
    company: 'La Poste',
    trackingNumber: (label) => `1L${digitsFrom(label, 11)}`,
    trackingUrl: laPosteUrl,
    deliveredMessage: 'Delivered to the letterbox',
    origin: CARQUEFOU,
    hubs: [FR('Rennes', '35000')],
  },
  chronopost: {
    company: 'Chronopost',
    trackingNumber: (label) => `XW${digitsFrom(label, 9)}FR`,
    trackingUrl: (n) => `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${n}`,
    deliveredMessage: 'Delivered in person, signed by the recipient',
    origin: CARQUEFOU,
    hubs: [FR('Chilly-Mazarin', '91380')],
  },
  ups: {
    company: 'UPS',
    trackingNumber: (label) => `1Z8V4${digitsFrom(label, 2)}E68${digitsFrom(`${label}:ups`, 8)}`,
    trackingUrl: (n) => `https://www.ups.com/track?loc=en_US&tracknum=${n}`,
    deliveredMessage: 'Delivered, left at front door',
    origin: CARQUEFOU,
    hubs: [FR('Tremblay-en-France', '93290'), { city: 'Köln', province: null, country: 'Germany', zip: '51147' }],
  },
  'dhl-express': {
    company: 'DHL Express',
    trackingNumber: (label) => digitsFrom(label, 10),
    trackingUrl: (n) => `https://www.dhl.com/fr-en/home/tracking/tracking-express.html?submit=1&tracking-id=${n}`,
    deliveredMessage: 'Delivered, signed for by the recipient',
    origin: CARQUEFOU,
    hubs: [FR('Roissy-en-France', '95700'), { city: 'Diegem', province: null, country: 'Belgium', zip: '1831' }],
  },
  'canada-post': {
    company: 'Canada Post',
    trackingNumber: (label) => digitsFrom(label, 16),
    trackingUrl: (n) => `https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=${n}`,
    deliveredMessage: 'Delivered to your community mailbox, parcel locker or apartment/condo mailbox',
    origin: { city: 'Saint-Laurent', province: 'Quebec', country: 'Canada', zip: 'H4S 1Z8' },
    hubs: [{ city: 'Montréal', province: 'Quebec', country: 'Canada', zip: 'H3C 3X6' }],
  },
  usps: {
    company: 'USPS',
    trackingNumber: (label) => `9400${digitsFrom(label, 18)}`,
    trackingUrl: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
    deliveredMessage: 'Delivered, in/at mailbox',
    origin: { city: 'Edison', province: 'New Jersey', country: 'United States', zip: '08837' },
    hubs: [{ city: 'Kearny', province: 'New Jersey', country: 'United States', zip: '07032' }],
  },
};

/** Extra sorting hubs on the long Canadian route, so that parcel shows a realistic crossing. */
export const CANADA_WEST_HUBS: Place[] = [
  { city: 'Mississauga', province: 'Ontario', country: 'Canada', zip: 'L5T 2T4' },
  { city: 'Richmond', province: 'British Columbia', country: 'Canada', zip: 'V6X 3P4' },
];
