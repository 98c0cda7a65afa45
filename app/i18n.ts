import type { InitOptions } from 'i18next';
import enAddress from '../locales/en/address.json';
import enAgent from '../locales/en/agent.json';
import enCancel from '../locales/en/cancel.json';
import enCommon from '../locales/en/common.json';
import enLookup from '../locales/en/lookup.json';
import enOrders from '../locales/en/orders.json';
import enPolicy from '../locales/en/policy.json';
import enProblem from '../locales/en/problem.json';
import enReturns from '../locales/en/returns.json';
import frAddress from '../locales/fr/address.json';
import frAgent from '../locales/fr/agent.json';
import frCancel from '../locales/fr/cancel.json';
import frCommon from '../locales/fr/common.json';
import frLookup from '../locales/fr/lookup.json';
import frOrders from '../locales/fr/orders.json';
import frPolicy from '../locales/fr/policy.json';
import frProblem from '../locales/fr/problem.json';
import frReturns from '../locales/fr/returns.json';

/** English and French ship in the bundle: a few kilobytes, and no request before first paint. */
export const resources = {
  en: { address: enAddress, agent: enAgent, cancel: enCancel, common: enCommon, lookup: enLookup, orders: enOrders, policy: enPolicy, problem: enProblem, returns: enReturns },
  fr: { address: frAddress, agent: frAgent, cancel: frCancel, common: frCommon, lookup: frLookup, orders: frOrders, policy: frPolicy, problem: frProblem, returns: frReturns },
} as const;

export const supportedLanguages = ['en', 'fr'] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = 'en';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: 'common',
  ns: ['address', 'agent', 'cancel', 'common', 'lookup', 'orders', 'policy', 'problem', 'returns'],
  resources,
  interpolation: { escapeValue: false },
} satisfies InitOptions;
