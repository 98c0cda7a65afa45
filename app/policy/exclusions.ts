import type { ReturnableLine } from './return-context';
import type { Exclusion } from './policy-schema';

export type ExclusionMatch = { exclusion: Exclusion; value: string };

const normalize = (value: string) => value.trim().toLowerCase();

function valuesOf(line: ReturnableLine, kind: Exclusion['kind']): string[] {
  switch (kind) {
    case 'tag': return line.productTags;
    case 'productType': return line.productType ? [line.productType] : [];
    case 'vendor': return line.vendor ? [line.vendor] : [];
    case 'sku': return line.sku ? [line.sku] : [];
  }
}

/**
 * Every exclusion rule a line falls under, with the value that matched, compared as Shopify
 * compares tags: without regard to case or surrounding spaces.
 */
export function findExclusions(line: ReturnableLine, exclusions: Exclusion[]): ExclusionMatch[] {
  const matches: ExclusionMatch[] = [];
  for (const exclusion of exclusions) {
    const excluded = new Set(exclusion.values.map(normalize));
    const value = valuesOf(line, exclusion.kind).find((candidate) => excluded.has(normalize(candidate)));
    if (value !== undefined) matches.push({ exclusion, value });
  }
  return matches;
}
