import { z } from 'zod';
import type { GqlObject } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import type { Subscription, WebhookHub } from './webhooks.server';

const InputSchema = z.object({
  uri: z.string().nullish(),
  callbackUrl: z.string().nullish(),
  format: z.string().nullish(),
});

function toObject(subscription: Subscription, apiVersion: string): GqlObject {
  return {
    __typename: 'WebhookSubscription', id: subscription.id, legacyResourceId: String(subscription.legacyId),
    topic: subscription.topic, uri: subscription.uri, callbackUrl: subscription.uri,
    endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: subscription.uri },
    format: 'JSON', filter: null, name: null, includeFields: [], metafieldNamespaces: [], metafields: [],
    apiVersion: { __typename: 'ApiVersion', handle: apiVersion, displayName: apiVersion, supported: true },
    createdAt: subscription.createdAt, updatedAt: subscription.createdAt,
  };
}

/** `webhookSubscriptions` and `webhookSubscriptionCreate`, over the emulator's webhook hub. */
export function createWebhookSubscriptionResolvers(hub: WebhookHub, apiVersion: string) {
  const query: Record<string, RootResolver> = {
    webhookSubscriptions: (args) => {
      const topics = Array.isArray(args.topics) ? args.topics.map(String) : null;
      const uri = typeof args.uri === 'string' ? args.uri : typeof args.callbackUrl === 'string' ? args.callbackUrl : null;
      return hub.list()
        .filter((s) => (!topics || topics.includes(s.topic)) && (!uri || s.uri === uri))
        .map((s) => toObject(s, apiVersion));
    },
  };
  const mutation: Record<string, RootResolver> = {
    webhookSubscriptionCreate: (args) => {
      const input = InputSchema.parse(args.webhookSubscription);
      const uri = input.uri ?? input.callbackUrl ?? '';
      const result = hub.create(String(args.topic), uri);
      return 'error' in result
        ? { __typename: 'WebhookSubscriptionCreatePayload', webhookSubscription: null, userErrors: [{ __typename: 'UserError', ...result.error }] }
        : { __typename: 'WebhookSubscriptionCreatePayload', webhookSubscription: toObject(result.subscription, apiVersion), userErrors: [] };
    },
  };
  return { query, mutation };
}
