import { createHash } from 'node:crypto';

/** Admin API global id, e.g. `gid://shopify/Order/5810001001`. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/**
 * Hands out increasing numeric ids per type, starting from realistic-looking bases, so a seed
 * built twice in the same order gets the same ids.
 */
export function createIdSequence(bases: Record<string, number>) {
  const next = new Map<string, number>();
  return (type: string): string => {
    const base = bases[type] ?? 1_000_000_000;
    const value = next.get(type) ?? base;
    next.set(type, value + 1);
    return gid(type, value);
  };
}

export type IdSequence = ReturnType<typeof createIdSequence>;

/** Deterministic digits from a label: tracking numbers and tokens that look random but never change. */
export function digitsFrom(label: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round += 1) {
    const hex = createHash('sha256').update(`${label}#${round}`).digest('hex');
    for (const char of hex) if (out.length < length) out += String(parseInt(char, 16) % 10);
  }
  return out;
}

/** Deterministic lowercase hex token. */
export function hexFrom(label: string, length: number): string {
  return createHash('sha256').update(label).digest('hex').slice(0, length);
}
