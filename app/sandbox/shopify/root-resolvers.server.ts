import { GraphQLError, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import { searchOrders } from './order-search.server';
import { searchProducts } from './product-search.server';

const GID = /^gid:\/\/shopify\/(\w+)\/[\w-]+$/;

/** A well-formed global id, or the coercion error Shopify raises for a malformed one. */
export function requireGid(id: unknown): string {
  const text = String(id);
  if (!GID.test(text)) {
    throw new GraphQLError(`Invalid global id '${text}'`, { extensions: { code: 'argumentLiteralsIncompatible', typeName: 'CoercionError' } });
  }
  return text;
}

const byText = (pick: (o: SeedOrder) => string) => (a: SeedOrder, b: SeedOrder) => pick(a).localeCompare(pick(b));
const byNumber = (pick: (o: SeedOrder) => number) => (a: SeedOrder, b: SeedOrder) => pick(a) - pick(b);
const legacyId = (o: SeedOrder) => Number(o.id.slice(o.id.lastIndexOf('/') + 1));
const amount = (field: 'totalPriceSet' | 'currentTotalPriceSet') => (o: SeedOrder) => Number(o[field].shopMoney.amount);

const ORDER_SORTS: Record<string, (a: SeedOrder, b: SeedOrder) => number> = {
  PROCESSED_AT: byText((o) => o.processedAt),
  CREATED_AT: byText((o) => o.createdAt),
  UPDATED_AT: byText((o) => o.updatedAt),
  ID: byNumber(legacyId),
  RELEVANCE: byNumber(legacyId),
  ORDER_NUMBER: byNumber((o) => Number(o.name.replace(/\D/g, ''))),
  TOTAL_PRICE: byNumber(amount('totalPriceSet')),
  CURRENT_TOTAL_PRICE: byNumber(amount('currentTotalPriceSet')),
  FINANCIAL_STATUS: byText((o) => o.displayFinancialStatus),
  FULFILLMENT_STATUS: byText((o) => o.displayFulfillmentStatus),
  CUSTOMER_NAME: byText((o) => String((o.customer as GqlObject | null)?.displayName ?? '')),
};

/** The query root fields the emulator answers; anything else fails loudly in the field resolver. */
export function createQueryRoot(schema: GraphQLSchema, getSeed: () => Seed): Record<string, RootResolver> {
  const nodeInterface = schema.getType('Node');
  if (!isInterfaceType(nodeInterface)) throw new Error('The Admin schema has no Node interface');
  const asNode = (id: unknown): GqlObject | null => {
    const found = getSeed().nodes.get(requireGid(id));
    const type = found && schema.getType(found.__typename);
    return found && isObjectType(type) && schema.isSubType(nodeInterface, type) ? found : null;
  };
  const ofType = (typename: string) => (args: Record<string, unknown>) => {
    const found = asNode(args.id);
    return found?.__typename === typename ? found : null;
  };

  return {
    orders: (args, context, info) => {
      const sortKey = String(args.sortKey ?? 'PROCESSED_AT');
      const sort = ORDER_SORTS[sortKey];
      if (!sort) throw new GraphQLError(`orders(sortKey: ${sortKey}) is not supported by the Comptoir sandbox Shopify emulator`);
      const query = typeof args.query === 'string' ? args.query : null;
      const { orders, warnings } = searchOrders(getSeed().orders, query);
      if (query && warnings.length) context.searchWarnings.push({ path: [info.path.key], query, warnings });
      return [...orders].sort((a, b) => sort(a, b) || legacyId(a) - legacyId(b));
    },
    order: ofType('Order'),
    product: ofType('Product'),
    products: (args, context, info) => {
      const query = typeof args.query === 'string' ? args.query : null;
      const { products, warnings } = searchProducts(getSeed().products, query);
      if (query && warnings.length) context.searchWarnings.push({ path: [info.path.key], query, warnings });
      return products;
    },
    productVariant: ofType('ProductVariant'),
    return: ofType('Return'),
    node: (args) => asNode(args.id),
    nodes: (args) => (Array.isArray(args.ids) ? args.ids.map(asNode) : []),
    returnableFulfillments: (args) => getSeed().returnableFulfillments.get(requireGid(args.orderId)) ?? [],
    returnReasonDefinitions: (args) => {
      const handles = Array.isArray(args.handles) ? args.handles.map(String) : null;
      const ids = Array.isArray(args.ids) ? args.ids.map(String) : null;
      const key = String(args.sortKey ?? 'ID');
      const sortField = key === 'HANDLE' ? 'handle' : key === 'NAME' ? 'name' : null;
      return getSeed()
        .returnReasonDefinitions.filter((r) => (!handles || handles.includes(String(r.handle))) && (!ids || ids.includes(String(r.id))))
        .sort((a, b) => (sortField ? String(a[sortField]).localeCompare(String(b[sortField])) : 0));
    },
    shop: () => getSeed().shop,
  };
}
