import type { LabelProviderName } from './ports';

/** `<provider>:<return id>`: how a kept delivery names the return it is about (webhook_deliveries.subject). */
export const toParcelSubject = (provider: LabelProviderName, providerReturnId: string) => `${provider}:${providerReturnId}`;
