import type { Reason } from '~/policy/policy-schema';
import { LABEL_PROVIDERS, type LabelProviderName } from './ports';

/** A case's line as the choice reads it: its reason, and whether it goes back at all. */
export type ProviderLine = { reasonId: string; decision: 'approved' | 'declined' | 'needs_review' };

/**
 * The one provider that makes a case's label: the shopper sends one parcel, so one label.
 * Each line going back (not declined) names its reason's `labelProvider`, or the store's default
 * (COMPTOIR_LABEL_PROVIDER) when the reason names none or is no longer in the policy. When the
 * lines disagree:
 * 1. a provider that makes a prepaid label (loop, aftership) wins over `store`: a reason the store
 *    pays the way back for never leaves the shopper paying postage for the whole parcel;
 * 2. among those, the store's default wins, then the one most lines name, then loop before
 *    aftership (the order of LABEL_PROVIDERS), so the choice never depends on the lines' order.
 * Null when no line goes back.
 */
export function chooseLabelProvider(lines: readonly ProviderLine[], reasons: readonly Pick<Reason, 'id' | 'labelProvider'>[], defaultProvider: LabelProviderName): LabelProviderName | null {
  const counts = new Map<LabelProviderName, number>();
  for (const line of lines) {
    if (line.decision === 'declined') continue;
    const provider = reasons.find((reason) => reason.id === line.reasonId)?.labelProvider ?? defaultProvider;
    counts.set(provider, (counts.get(provider) ?? 0) + 1);
  }
  if (counts.size <= 1) return counts.keys().next().value ?? null;
  counts.delete('store');
  if (counts.has(defaultProvider)) return defaultProvider;
  const ranked = [...counts].sort(([a, countA], [b, countB]) => countB - countA || LABEL_PROVIDERS.indexOf(a) - LABEL_PROVIDERS.indexOf(b));
  return ranked[0]![0];
}

/**
 * Providers the policy's reasons name that this portal has no adapter for: a label request
 * would fail for every such case, so the server refuses to start (services.server.ts).
 */
export function findUnavailableProviders(reasons: readonly Pick<Reason, 'id' | 'labelProvider'>[], available: readonly LabelProviderName[]): { reasonId: string; provider: LabelProviderName }[] {
  return reasons.flatMap((reason) =>
    reason.labelProvider && !available.includes(reason.labelProvider) ? [{ reasonId: reason.id, provider: reason.labelProvider }] : []);
}
