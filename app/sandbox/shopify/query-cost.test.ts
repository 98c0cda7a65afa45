import { getOperationAST, Kind, parse, type FragmentDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { computeRequestedCost } from './query-cost.server';
import { loadAdminSchema } from './schema.server';

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return computeRequestedCost(loadAdminSchema(), operation, fragments, variables);
}

describe('computeRequestedCost', () => {
  it('charges nothing for scalars and enums, one per object', () => {
    expect(costOf('{ shop { name currencyCode } }')).toBe(1);
    expect(costOf('{ order(id: "gid://shopify/Order/1") { name shippingAddress { city } totalPriceSet { shopMoney { amount } } } }')).toBe(4);
  });

  it('charges connections 2 + page size × item cost, nodes and edges alike', () => {
    expect(costOf('{ orders(first: 10) { nodes { id } } }')).toBe(12);
    expect(costOf('{ orders(last: 10) { edges { cursor node { id } } pageInfo { hasNextPage } } }')).toBe(12);
    expect(costOf('query($n: Int) { orders(first: $n) { nodes { id customer { id } } } }', { n: 4 })).toBe(2 + 4 * 2);
    expect(costOf('{ orders(first: 2) { nodes { lineItems(first: 3) { nodes { id } } } } }')).toBe(2 + 2 * (1 + 2 + 3));
  });

  it('multiplies plain lists by first (or by the ids asked for)', () => {
    expect(costOf('{ order(id: "gid://shopify/Order/1") { fulfillments(first: 4) { id trackingInfo(first: 2) { number } } } }'))
      .toBe(1 + 4 * (1 + 2 * 1));
    expect(costOf('{ nodes(ids: ["gid://shopify/Order/1", "gid://shopify/Order/2"]) { id } }')).toBe(2);
  });

  it('prices interfaces at their dearest possible type, fragments and directives included', () => {
    const query = `query($skip: Boolean!) { node(id: "gid://shopify/Order/1") {
      ... on Order { lineItems(first: 5) { nodes { id } } }
      ...P
      ... on Order @skip(if: $skip) { customer { id } } }
    } fragment P on Product { variants(first: 2) { nodes { id } } }`;
    expect(costOf(query, { skip: true })).toBe(1 + 2 + 5);
    expect(costOf(query, { skip: false })).toBe(1 + 2 + 5 + 1);
  });

  it('charges mutations 10 plus their selection', () => {
    expect(costOf('mutation { orderUpdate(input: { id: "gid://shopify/Order/1" }) { order { id } userErrors { message } } }')).toBe(10 + 1 + 1);
  });
});
