import { z } from 'zod';
import { UpstreamError } from '~/utils/upstream-error';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import type { ThrottleGate } from './throttle.server';

export const WEBHOOK_SUBSCRIPTIONS_QUERY = `#graphql
  query ComptoirWebhookSubscriptions($uri: String!) {
    webhookSubscriptions(first: 100, uri: $uri) {
      nodes { id topic uri }
    }
  }
`;

export const WEBHOOK_SUBSCRIPTION_CREATE_MUTATION = `#graphql
  mutation ComptoirWebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $uri: String!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
      webhookSubscription { id topic uri }
      userErrors { field message }
    }
  }
`;

const SubscriptionSchema = z.object({ id: z.string(), topic: z.string(), uri: z.string() });
const ListSchema = z.object({ webhookSubscriptions: z.object({ nodes: z.array(SubscriptionSchema) }) });
const CreateSchema = z.object({
  webhookSubscriptionCreate: z.object({
    webhookSubscription: SubscriptionSchema.nullable(),
    userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() })),
  }),
});

export type EnsureResult = { created: string[]; existing: string[] };

/**
 * Makes sure the shop sends each topic (`WebhookSubscriptionTopic` values) to `uri`: lists what this
 * app already has for that address, then creates only what is missing, so a restart creates
 * nothing. Shop-specific subscriptions through the Admin API, with the app's own token.
 * @throws UpstreamError when Shopify fails or refuses a subscription (its message says why).
 */
export async function ensureWebhookSubscriptions(
  deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate },
  uri: string,
  topics: readonly string[],
): Promise<EnsureResult> {
  const call = createAdminCaller(deps);
  const existing = new Set((await call(WEBHOOK_SUBSCRIPTIONS_QUERY, { uri }, ListSchema)).webhookSubscriptions.nodes.map((s) => s.topic));
  const created: string[] = [];
  for (const topic of topics.filter((t) => !existing.has(t))) {
    const { webhookSubscriptionCreate: result } = await call(WEBHOOK_SUBSCRIPTION_CREATE_MUTATION, { topic, uri }, CreateSchema);
    if (!result.webhookSubscription) {
      const message = result.userErrors.map((error) => error.message).join('; ') || 'no subscription returned';
      throw new UpstreamError({ service: 'shopify', status: 200, code: 'WEBHOOK_SUBSCRIPTION_REFUSED', retryable: false, cause: new Error(`${topic}: ${message}`) });
    }
    created.push(topic);
  }
  return { created, existing: [...existing].filter((t) => topics.includes(t)) };
}
