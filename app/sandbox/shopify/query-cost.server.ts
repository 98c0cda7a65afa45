import {
  getArgumentValues, getDirectiveValues, getNamedType, getNullableType, GraphQLIncludeDirective, GraphQLSkipDirective,
  isAbstractType, isCompositeType, isListType, isObjectType, Kind,
  type DirectiveNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLObjectType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { isConnectionType } from './connections.server';

/** Shopify's documented base cost of a mutation, before its selection. */
export const MUTATION_COST = 10;
const CONNECTION_COST = 2;

type Walk = {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
};

function included(walk: Walk, node: { readonly directives?: readonly DirectiveNode[] }): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

function conditionMatches(walk: Walk, typeName: string | undefined, runtime: GraphQLObjectType): boolean {
  if (!typeName || typeName === runtime.name) return true;
  const condition = walk.schema.getType(typeName);
  return Boolean(condition && isAbstractType(condition) && walk.schema.isSubType(condition, runtime));
}

/** Fields selected for one concrete type, merged by response key (as execution merges them). */
function collectFields(walk: Walk, runtime: GraphQLObjectType, set: SelectionSetNode, out = new Map<string, FieldNode[]>()) {
  for (const selection of set.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      out.set(key, [...(out.get(key) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (conditionMatches(walk, selection.typeCondition?.name.value, runtime)) collectFields(walk, runtime, selection.selectionSet, out);
    } else {
      const fragment = walk.fragments[selection.name.value];
      if (fragment && conditionMatches(walk, fragment.typeCondition.name.value, runtime)) {
        collectFields(walk, runtime, fragment.selectionSet, out);
      }
    }
  }
  return out;
}

/** Type conditions used directly in a selection set (through nested fragments). */
function typeConditions(walk: Walk, set: SelectionSetNode, out = new Set<string>()): Set<string> {
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selection.typeCondition) out.add(selection.typeCondition.name.value);
      typeConditions(walk, selection.selectionSet, out);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      if (fragment && !out.has(`…${fragment.name.value}`)) {
        out.add(fragment.typeCondition.name.value).add(`…${fragment.name.value}`);
        typeConditions(walk, fragment.selectionSet, out);
      }
    }
  }
  return out;
}

/** Cost of what is selected under a composite type; interfaces and unions cost their dearest member. */
function selectionCost(walk: Walk, type: GraphQLCompositeType, set: SelectionSetNode): number {
  if (isObjectType(type)) return objectCost(walk, type, set);
  const conditions = [...typeConditions(walk, set)].filter((c) => !c.startsWith('…'));
  // Types that match the same fragments cost the same: price one per group, not all 200+ Node types.
  const groups = new Map<string, GraphQLObjectType>();
  for (const possible of walk.schema.getPossibleTypes(type)) {
    const key = conditions.filter((c) => conditionMatches(walk, c, possible)).join('|');
    if (!groups.has(key)) groups.set(key, possible);
  }
  let max = 0;
  for (const possible of groups.values()) max = Math.max(max, objectCost(walk, possible, set));
  return max;
}

function mergedSelection(nodes: FieldNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: nodes.flatMap((n) => n.selectionSet?.selections ?? []) };
}

function objectCost(walk: Walk, type: GraphQLObjectType, set: SelectionSetNode): number {
  let total = 0;
  for (const nodes of collectFields(walk, type, set).values()) total += fieldCost(walk, type, nodes);
  return total;
}

/** Per-item cost of a connection: what `nodes` and `edges { node }` select, one object each. */
function connectionItemCost(walk: Walk, connection: GraphQLObjectType, set: SelectionSetNode): number {
  let total = 0;
  for (const [, nodes] of collectFields(walk, connection, set)) {
    const name = nodes[0]?.name.value;
    const field = name ? connection.getFields()[name] : undefined;
    if (!field) continue;
    const named = getNamedType(field.type);
    if (name === 'nodes' && isCompositeType(named)) total += 1 + selectionCost(walk, named, mergedSelection(nodes));
    if (name === 'edges' && isObjectType(named)) {
      for (const edgeNodes of collectFields(walk, named, mergedSelection(nodes)).values()) {
        const edgeField = named.getFields()[edgeNodes[0]?.name.value ?? ''];
        const nodeType = edgeField && getNamedType(edgeField.type);
        if (edgeField?.name === 'node' && nodeType && isCompositeType(nodeType)) {
          total += 1 + selectionCost(walk, nodeType, mergedSelection(edgeNodes));
        }
      }
    }
  }
  return total;
}

function fieldCost(walk: Walk, parent: GraphQLObjectType, nodes: FieldNode[]): number {
  const first = nodes[0];
  const field = first && parent.getFields()[first.name.value];
  if (!first || !field) return 0;
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 0;
  const args = getArgumentValues(field, first, walk.variables) as { first?: unknown; last?: unknown; ids?: unknown };
  const sub = mergedSelection(nodes);
  if (isObjectType(named) && isConnectionType(named)) {
    const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : 0;
    return CONNECTION_COST + size * connectionItemCost(walk, named, sub);
  }
  let multiplier = 1;
  if (isListType(getNullableType(field.type))) {
    if (typeof args.first === 'number') multiplier = args.first;
    else if (Array.isArray(args.ids)) multiplier = args.ids.length;
  }
  return multiplier * (1 + selectionCost(walk, named, sub));
}

/**
 * Requested cost of an operation under Shopify's published rules: scalars and enums 0, objects 1,
 * connections 2 + page size × item cost, lists with `first` (or `ids`) that many times their
 * items, abstract types their dearest member, mutations 10 plus their selection.
 */
export function computeRequestedCost(
  schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const walk: Walk = { schema, fragments, variables };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  let total = 0;
  for (const nodes of collectFields(walk, root, operation.selectionSet).values()) {
    if (operation.operation !== 'mutation') {
      total += fieldCost(walk, root, nodes);
      continue;
    }
    const field = root.getFields()[nodes[0]?.name.value ?? ''];
    const named = field && getNamedType(field.type);
    total += MUTATION_COST + (named && isCompositeType(named) ? selectionCost(walk, named, mergedSelection(nodes)) : 0);
  }
  return total;
}
