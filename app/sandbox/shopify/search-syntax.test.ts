import { describe, expect, it } from 'vitest';
import { parseSearch } from './search-syntax.server';

const term = (field: string | null, value: string, comparator = ':') => ({ kind: 'term', field, comparator, value });

describe('parseSearch', () => {
  it('reads field:value with bare, double- and single-quoted values', () => {
    expect(parseSearch('name:#1001')).toEqual(term('name', '#1001'));
    expect(parseSearch('name:"#1001"')).toEqual(term('name', '#1001'));
    expect(parseSearch("email:'jane doe@example.com'")).toEqual(term('email', 'jane doe@example.com'));
  });

  it('treats juxtaposition as AND and binds OR looser than AND', () => {
    expect(parseSearch('name:1 email:a OR status:closed')).toEqual({
      kind: 'or',
      children: [{ kind: 'and', children: [term('name', '1'), term('email', 'a')] }, term('status', 'closed')],
    });
    expect(parseSearch('name:1 AND (email:a OR email:b)')).toEqual({
      kind: 'and',
      children: [term('name', '1'), { kind: 'or', children: [term('email', 'a'), term('email', 'b')] }],
    });
  });

  it('understands negation, comparators, escapes and free text', () => {
    expect(parseSearch('-tag:vip')).toEqual({ kind: 'not', child: term('tag', 'vip') });
    expect(parseSearch('NOT status:closed')).toEqual({ kind: 'not', child: term('status', 'closed') });
    expect(parseSearch('created_at:>=2026-01-01')).toEqual(term('created_at', '2026-01-01', '>='));
    expect(parseSearch('name:1001\\:A')).toEqual(term('name', '1001:A'));
    expect(parseSearch('camille')).toEqual(term(null, 'camille'));
  });

  it('matches everything on an empty query and never throws on broken input', () => {
    expect(parseSearch('')).toEqual({ kind: 'all' });
    expect(parseSearch(undefined)).toEqual({ kind: 'all' });
    expect(() => parseSearch('name:"unterminated (AND OR')).not.toThrow();
    expect(parseSearch(') name:1')).toEqual(term('name', '1'));
  });
});
