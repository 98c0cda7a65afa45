/** Shopify's search query syntax (`name:#1001 AND email:"a@b.c"`), parsed into a small tree. */

export type Comparator = ':' | '>' | '<' | '>=' | '<=';
export type Term = { kind: 'term'; field: string | null; comparator: Comparator; value: string };
export type SearchNode =
  | Term
  | { kind: 'and' | 'or'; children: SearchNode[] }
  | { kind: 'not'; child: SearchNode }
  | { kind: 'all' };

type Token = { type: 'open' | 'close' | 'and' | 'or' | 'not' } | { type: 'term'; term: Term; negated: boolean };

/** Reads one term, honouring single or double quotes and backslash escapes (`\:`, `\(`, `\"`). */
function readTerm(input: string, start: number): { raw: string; value: string; end: number; fieldEnd: number } {
  let i = start;
  let raw = '';
  let value = '';
  let fieldEnd = -1;
  while (i < input.length) {
    const char = input[i] ?? '';
    if (/\s/.test(char) || char === '(' || char === ')') break;
    if (char === '\\' && i + 1 < input.length) {
      value += input[i + 1];
      raw += char + input[i + 1];
      i += 2;
      continue;
    }
    if (char === '"' || char === "'") {
      const close = input.indexOf(char, i + 1);
      const end = close < 0 ? input.length : close;
      value += input.slice(i + 1, end).replace(/\\(.)/g, '$1');
      raw += input.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (char === ':' && fieldEnd < 0) fieldEnd = value.length;
    value += char;
    raw += char;
    i += 1;
  }
  return { raw, value, end: i, fieldEnd };
}

function toTerm(value: string, fieldEnd: number): Term {
  if (fieldEnd <= 0) return { kind: 'term', field: null, comparator: ':', value };
  const field = value.slice(0, fieldEnd).toLowerCase();
  let rest = value.slice(fieldEnd + 1);
  let comparator: Comparator = ':';
  const op = /^(>=|<=|>|<)/.exec(rest)?.[1] as Comparator | undefined;
  if (op) {
    comparator = op;
    rest = rest.slice(op.length);
  }
  return { kind: 'term', field, comparator, value: rest };
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] ?? '';
    if (/\s/.test(char)) { i += 1; continue; }
    if (char === '(') { tokens.push({ type: 'open' }); i += 1; continue; }
    if (char === ')') { tokens.push({ type: 'close' }); i += 1; continue; }
    const negated = char === '-' && i + 1 < input.length && !/\s/.test(input[i + 1] ?? '');
    const { raw, value, end, fieldEnd } = readTerm(input, negated ? i + 1 : i);
    i = end;
    if (!negated && (raw === 'AND' || raw === 'OR' || raw === 'NOT')) {
      tokens.push({ type: raw === 'AND' ? 'and' : raw === 'OR' ? 'or' : 'not' });
    } else {
      tokens.push({ type: 'term', term: toTerm(value, fieldEnd), negated });
    }
  }
  return tokens;
}

/** Parses with OR binding looser than AND (explicit or implicit), like Shopify. Never throws. */
export function parseSearch(input: string | null | undefined): SearchNode {
  const tokens = tokenize(input ?? '');
  let pos = 0;
  const peek = () => tokens[pos];

  function unary(): SearchNode | null {
    const token = peek();
    if (!token) return null;
    if (token.type === 'not') { pos += 1; const child = unary(); return child ? { kind: 'not', child } : null; }
    if (token.type === 'open') {
      pos += 1;
      const inner = or();
      if (peek()?.type === 'close') pos += 1;
      return inner;
    }
    if (token.type === 'term') { pos += 1; return token.negated ? { kind: 'not', child: token.term } : token.term; }
    return null;
  }
  function and(): SearchNode {
    const children: SearchNode[] = [];
    for (;;) {
      const token = peek();
      if (!token || token.type === 'close' || token.type === 'or') break;
      if (token.type === 'and') { pos += 1; continue; }
      const node = unary();
      if (node) children.push(node);
    }
    return children.length === 1 && children[0] ? children[0] : children.length ? { kind: 'and', children } : { kind: 'all' };
  }
  function or(): SearchNode {
    const children = [and()];
    while (peek()?.type === 'or') { pos += 1; children.push(and()); }
    return children.length === 1 && children[0] ? children[0] : { kind: 'or', children };
  }

  let root = or();
  // A stray closing parenthesis: skip it and keep what follows rather than dropping it.
  while (pos < tokens.length) {
    pos += 1;
    const rest = or();
    if (rest.kind !== 'all') root = root.kind === 'all' ? rest : { kind: 'and', children: [root, rest] };
  }
  return root;
}

/** Every field name used in a tree, for "invalid search field" warnings. */
export function fieldsOf(node: SearchNode): string[] {
  switch (node.kind) {
    case 'term': return node.field ? [node.field] : [];
    case 'and': case 'or': return node.children.flatMap(fieldsOf);
    case 'not': return fieldsOf(node.child);
    case 'all': return [];
  }
}
