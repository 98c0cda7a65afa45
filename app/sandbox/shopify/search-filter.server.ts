import { fieldsOf, parseSearch, type SearchNode, type Term } from './search-syntax.server';

export type SearchWarning = { field: string; message: string };

/** Field name → predicate, for one kind of resource (orders, products). */
export type SearchFields<T> = Record<string, (item: T, term: Term) => boolean>;

function evaluate<T>(node: SearchNode, item: T, fields: SearchFields<T>, freeText: (item: T, value: string) => boolean): boolean {
  switch (node.kind) {
    case 'all': return true;
    case 'and': return node.children.every((child) => evaluate(child, item, fields, freeText));
    case 'or': return node.children.some((child) => evaluate(child, item, fields, freeText));
    case 'not': return !evaluate(node.child, item, fields, freeText);
    case 'term': {
      if (!node.field) return freeText(item, node.value);
      const predicate = Object.hasOwn(fields, node.field) ? fields[node.field] : undefined;
      return predicate ? predicate(item, node) : true;
    }
  }
}

/**
 * Filters with a Shopify `query:` string. Unknown fields are reported (the warnings Shopify
 * attaches to the answer) and ignored, which is what Shopify does.
 */
export function searchWith<T>(items: T[], query: string | null | undefined, fields: SearchFields<T>, freeText: (item: T, value: string) => boolean) {
  const tree = parseSearch(query);
  const warnings: SearchWarning[] = [...new Set(fieldsOf(tree))]
    .filter((field) => !Object.hasOwn(fields, field))
    .map((field) => ({ field, message: 'Invalid search field for this query.' }));
  return { items: items.filter((item) => evaluate(tree, item, fields, freeText)), warnings };
}

const lower = (text: unknown) => String(text ?? '').toLowerCase();

/** Exact, case-insensitive; a trailing `*` makes it a prefix match, as in Shopify's syntax. */
export function matchesText(actual: unknown, wanted: string): boolean {
  const a = lower(actual);
  const w = wanted.toLowerCase();
  return w.endsWith('*') ? a.startsWith(w.slice(0, -1)) : a === w;
}

export function compare(actual: string | number, term: Term): boolean {
  const wanted = typeof actual === 'number' ? Number(term.value) : term.value;
  switch (term.comparator) {
    case '>': return actual > wanted;
    case '<': return actual < wanted;
    case '>=': return actual >= wanted;
    case '<=': return actual <= wanted;
    default: return typeof actual === 'number' ? actual === wanted : String(actual).startsWith(String(wanted));
  }
}
