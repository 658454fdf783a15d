/**
 * The cost limit, checked once the operation and its variables are known and before anything
 * executes. graphql-armor's weights (2 per object field, 1 per scalar, times 1.5 per level), times
 * the page size each list field will really use: `first`/`last` as a literal, a variable's value,
 * the variable's default or the argument's default, and for a connection given none the default
 * page size. (Armor's own rule runs at validation, without variables, so it multiplied literals
 * only: `first: $n` or no `first` at all went uncounted.) Fragments count where they are spread.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  getVariableValues,
  isCompositeType,
  Kind,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type FieldNode,
  type SelectionSetNode,
} from 'graphql';
import type { Context } from '../graphql/context';
import { DEFAULT_PAGE_SIZE } from '../graphql/connections';

const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;
const PAGE_ARGS = ['first', 'last'];

interface Operation {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  maxPageSize: number;
}

/** How many items a list field will return at most, as far as its arguments say. */
function pageSizeOf(field: GraphQLField<unknown, unknown>, node: FieldNode, op: Operation): number {
  const pageArgs = field.args.filter((a) => PAGE_ARGS.includes(a.name));
  if (pageArgs.length === 0) return 1;
  const sizes = pageArgs.map((arg) => argumentValue(arg, node, op)).filter((n): n is number => n !== undefined);
  // A connection given neither first nor last pages by the default size. A size above the maximum
  // is refused by its field (BAD_USER_INPUT, connections.ts pageSize), so it costs the maximum: the
  // client learns what is wrong with the argument, not that the query costs too much.
  const size = sizes.length ? Math.min(Math.max(...sizes), op.maxPageSize) : Math.min(DEFAULT_PAGE_SIZE, op.maxPageSize);
  return Number.isFinite(size) && size > 1 ? size : 1;
}

/** The argument's value as the resolver will see it (a number), or undefined when it is unset. */
function argumentValue(arg: GraphQLArgument, node: FieldNode, op: Operation): number | undefined {
  const given = node.arguments?.find((a) => a.name.value === arg.name);
  const value = given ? valueFromAST(given.value, arg.type, op.variables) : arg.defaultValue;
  return typeof value === 'number' ? value : undefined;
}

function selectionCost(set: SelectionSetNode, type: GraphQLCompositeType, op: Operation, memo: Map<string, number>): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(selection, type, op, memo);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? op.schema.getType(selection.typeCondition.name.value) : type;
      cost += selectionCost(selection.selectionSet, isCompositeType(on) ? on : type, op, memo);
    } else {
      const name = selection.name.value;
      let known = memo.get(name);
      if (known === undefined) {
        const fragment = op.fragments[name];
        const on = fragment && op.schema.getType(fragment.typeCondition.name.value);
        known = fragment && isCompositeType(on) ? selectionCost(fragment.selectionSet, on, op, memo) : 0;
        memo.set(name, known);
      }
      cost += known;
    }
  }
  return cost;
}

function fieldCost(node: FieldNode, parent: GraphQLCompositeType, op: Operation, memo: Map<string, number>): number {
  if (node.name.value.startsWith('__')) return 0;
  const field = 'getFields' in parent ? parent.getFields()[node.name.value] : undefined;
  if (!field || !node.selectionSet) return SCALAR_COST;
  const type = getNamedType(field.type);
  if (!isCompositeType(type)) return SCALAR_COST;
  const children = selectionCost(node.selectionSet, type, op, memo);
  return (OBJECT_COST + DEPTH_FACTOR * children) * pageSizeOf(field, node, op);
}

/** The operation's cost for the variables the request sent (exported for tests). */
export function operationCost(op: Operation): number {
  const root = op.schema.getRootType(op.operation.operation);
  // With the operation's variable defaults applied; invalid variables fail later, at execution.
  const coerced = getVariableValues(op.schema, op.operation.variableDefinitions ?? [], op.variables);
  const withDefaults = { ...op, variables: coerced.coerced ?? op.variables };
  return root ? selectionCost(op.operation.selectionSet, root, withDefaults, new Map()) : 0;
}

/** Refuses (HTTP 400, GRAPHQL_VALIDATION_FAILED) operations costing more than `maxCost`. */
export function costLimit({ maxCost, maxPageSize }: { maxCost: number; maxPageSize: number }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const cost = operationCost({ schema, operation, fragments, variables: request.variables ?? {}, maxPageSize });
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${Math.round(cost)}.`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
