/**
 * Fuzz cases: operations generated from the live schema with hostile arguments (inline literals
 * or variables, right and wrong types, missing and unknown fields, deep selections), wrapped in
 * HTTP requests that are sometimes well-formed and sometimes not (bad JSON, wrong content types,
 * odd methods and paths, bodies at and over the size limit, bad credentials).
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { NodeKind } from '../../../src/domain/ids';
import type { Rng } from '../../../seeds/random';
import { nastyCursor, nastyId, nastyNodeId, nastyNumber, nastyString, type Pool } from './values';

export interface FuzzCase {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** The request carries a mutation, so the data must be unchanged unless it succeeded. */
  mutation: boolean;
}

/** Marks an enum value, written bare in a literal and as a string in variables. */
class EnumValue {
  constructor(readonly name: string) {}
}

type Value = string | number | boolean | null | EnumValue | Value[] | { [key: string]: Value };

/** Which kind of node an ID argument names, guessed from its name (userId, productId, id on a review...). */
function idKind(argName: string, fieldName: string): NodeKind | undefined {
  const guess = `${argName} ${fieldName}`.toLowerCase();
  for (const [word, kind] of [
    ['recipient', 'User'],
    ['user', 'User'],
    ['follow', 'User'],
    ['product', 'Product'],
    ['category', 'Category'],
    ['review', 'Review'],
    ['share', 'Share'],
  ] as const) {
    if (guess.includes(word)) return kind;
  }
  return undefined;
}

export class CaseGenerator {
  private readonly queryRoot: GraphQLObjectType;
  private readonly mutationRoot: GraphQLObjectType;

  constructor(
    private readonly rng: Rng,
    private readonly schema: GraphQLSchema,
    private readonly pool: Pool,
    private readonly bodyLimit: number,
  ) {
    this.queryRoot = schema.getQueryType()!;
    this.mutationRoot = schema.getMutationType()!;
  }

  next(): FuzzCase {
    const rng = this.rng;
    if (rng.chance(0.15)) return this.pagingCase();
    const mutation = rng.chance(0.4);
    const op = this.operation(mutation);
    const roll = rng.float();
    const headers = { 'content-type': 'application/json', ...this.credentials() };
    const json = JSON.stringify(op);
    if (roll < 0.78) return { kind: mutation ? 'mutation' : 'query', method: 'POST', path: '/graphql', headers, body: json, mutation };
    if (roll < 0.82) return { kind: 'invalid-json', method: 'POST', path: '/graphql', headers, body: this.breakJson(json), mutation };
    if (roll < 0.86) {
      const contentType = rng.pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/graphql', '', 'application/json; charset=utf-16']);
      return { kind: 'content-type', method: 'POST', path: '/graphql', headers: { ...headers, 'content-type': contentType }, body: json, mutation };
    }
    if (roll < 0.9) return { kind: 'json-shape', method: 'POST', path: '/graphql', headers, body: this.oddJsonShape(op), mutation };
    if (roll < 0.93) {
      const search = new URLSearchParams({ query: op.query, ...(op.variables ? { variables: JSON.stringify(op.variables) } : {}) });
      const raw = rng.chance(0.2) ? `query=%ZZ${encodeURIComponent(op.query).slice(0, 50)}` : search.toString();
      return { kind: 'get', method: 'GET', path: `/graphql?${raw}`, headers: this.credentials(), mutation };
    }
    if (roll < 0.95) {
      const method = rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      return { kind: 'method', method, path: '/graphql', headers, body: method === 'HEAD' ? undefined : json, mutation };
    }
    if (roll < 0.96) {
      const path = rng.pick(['/', '/graphql/', '/graphq', '/GRAPHQL', '/graphql/../etc/passwd', '/%00', `/${'a'.repeat(5000)}`]);
      return { kind: 'path', method: 'POST', path, headers, body: json, mutation: false };
    }
    if (roll < 0.985) return { kind: 'bad-credentials', method: 'POST', path: '/graphql', headers: { ...headers, ...this.badCredentials() }, body: json, mutation };
    return { kind: 'huge-body', method: 'POST', path: '/graphql', headers, body: this.hugeBody(op), mutation };
  }

  /**
   * Cursors and ids aimed where they reach the engine: top-level and nested connections paged
   * with hostile cursors (signed ones at huge offsets included), and node(id) on every kind.
   */
  private pagingCase(): FuzzCase {
    const rng = this.rng;
    const size = rng.pick(['first', 'last']);
    const args = `${size}: $n, ${rng.pick(['after', 'before'])}: $c`;
    const query = rng.pick([
      `query ($n: Int, $c: String) { users(${args}) { totalCount edges { cursor node { id handle } } pageInfo { hasNextPage endCursor } } }`,
      `query ($n: Int, $c: String) { products(${args}, sort: ${rng.pick(['NEWEST', 'TOP_RATED', 'MOST_REVIEWED', 'NAME'])}) { edges { cursor node { id } } } }`,
      `query ($n: Int, $c: String) { users(first: 2) { edges { node { followers(${args}) { edges { node { id } } } reviews(${args}) { totalCount } } } } }`,
      `query ($n: Int, $c: String) { categories { products(${args}) { edges { cursor node { id } } } } }`,
      `query ($n: Int, $c: String) { feed(${args}) { edges { cursor } } }`,
      `query ($id: ID!) { node(id: $id) { id ... on Community { label members { totalCount } engagement { shares } } ... on User { handle } ... on Share { message } } }`,
    ]);
    const byId = query.includes('node(id');
    const variables = byId ? { id: nastyNodeId(rng, this.pool) } : { n: rng.chance(0.8) ? rng.int(0, 20) : nastyNumber(rng, false), c: nastyCursor(rng) };
    const headers = { 'content-type': 'application/json', ...this.credentials() };
    return { kind: byId ? 'node-id' : 'cursor', method: 'POST', path: '/graphql', headers, body: JSON.stringify({ query, variables }), mutation: false };
  }

  private credentials(): Record<string, string> {
    const roll = this.rng.float();
    if (roll < 0.2) return {};
    return { 'x-user-id': roll < 0.6 ? this.rng.pick(this.pool.handles) : this.rng.pick(this.pool.ids.User ?? this.pool.handles) };
  }

  private badCredentials(): Record<string, string> {
    const rng = this.rng;
    return rng.pick<Record<string, string>>([
      { 'x-user-id': 'nobody_here' },
      { 'x-user-id': 'ÿÿÿ' },
      { 'x-user-id': ' '.repeat(10) },
      { 'x-user-id': 'x'.repeat(8000) },
      { authorization: 'Bearer' },
      { authorization: 'Bearer not.a.jwt' },
      { authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u01"}').toString('base64url')}.` },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: `Bearer ${'a'.repeat(rng.int(1, 5000))}` },
    ]);
  }

  private breakJson(json: string): string | Uint8Array<ArrayBuffer> {
    const rng = this.rng;
    switch (rng.int(0, 4)) {
      case 0:
        return json.slice(0, rng.int(0, json.length - 1));
      case 1:
        return Uint8Array.from({ length: rng.int(1, 200) }, () => rng.int(0, 255));
      case 2:
        return json.replace('{', rng.pick(['[', '{{', "{'", '{\u0000']));
      case 3:
        return `${json}${rng.pick([',', '}', 'garbage', '\u0000'])}`;
      default:
        return rng.pick(['', ' ', 'null', '{"query": }', '{"query": "{ __typename }",}', '\uFEFF{"query":"{ __typename }"}']);
    }
  }

  private oddJsonShape(op: { query: string; variables?: unknown }): string {
    const rng = this.rng;
    return JSON.stringify(
      rng.pick<unknown>([
        [op],
        [op, op],
        42,
        'query',
        null,
        {},
        { query: 42 },
        { query: null },
        { query: ['{ __typename }'] },
        { ...op, variables: 'not an object' },
        { ...op, variables: [1, 2] },
        { ...op, operationName: 5 },
        { ...op, operationName: 'Missing' },
        { ...op, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
        { ...op, query: `${op.query} query Second { __typename }` },
      ]),
    );
  }

  /** Bodies just under the limit (a huge string variable) and over it. */
  private hugeBody(op: { query: string; variables?: Record<string, unknown> }): string {
    const size = this.rng.chance(0.5) ? this.bodyLimit - 200 : this.bodyLimit + this.rng.int(1, 200_000);
    const filler = this.rng.pick(['x', '😀', '\u0000']);
    const body = JSON.stringify({ ...op, variables: { ...op.variables, pad: '' } });
    const room = Math.max(0, size - Buffer.byteLength(body));
    const pad = filler.repeat(Math.ceil(room / Buffer.byteLength(JSON.stringify(filler).slice(1, -1))));
    return JSON.stringify({ ...op, variables: { ...op.variables, pad } }).slice(0, Math.max(size, body.length));
  }

  /** One operation on a random root field; a few queries have a second aliased root field. */
  operation(mutation: boolean): { query: string; variables?: Record<string, unknown> } {
    const rng = this.rng;
    const root = mutation ? this.mutationRoot : this.queryRoot;
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const useVariables = rng.chance(0.5);
    const fields = Object.values(root.getFields());
    // One root field per mutation, so a failed answer means that one write failed.
    const selections = Array.from({ length: !mutation && rng.chance(0.1) ? 2 : 1 }, (_, i) => {
      const field = rng.pick(fields);
      const args = this.args(field, useVariables, variables, declarations);
      const depth = rng.chance(0.05) ? rng.int(8, 40) : rng.int(1, 3);
      return `a${i}: ${field.name}${args}${this.selection(getNamedType(field.type), depth)}`;
    });
    if (rng.chance(0.03)) selections.push(rng.pick(['nope', '__schema { types { name } }', 'node', '...Missing']));
    const header = declarations.length ? `(${declarations.join(', ')})` : '';
    const query = `${mutation ? 'mutation' : 'query'} Fuzz${header} { ${selections.join(' ')} }`;
    return useVariables ? { query, variables } : { query };
  }

  private args(
    field: GraphQLField<unknown, unknown>,
    useVariables: boolean,
    variables: Record<string, unknown>,
    declarations: string[],
  ): string {
    const rng = this.rng;
    const parts: string[] = [];
    for (const arg of field.args) {
      if (!rng.chance(isNonNullType(arg.type) ? 0.95 : 0.5)) continue;
      const value = rng.chance(0.1) ? this.anyValue() : this.value(arg.type, arg.name, field.name, 0);
      if (useVariables) {
        const name = `v${declarations.length}`;
        const declared = rng.chance(0.9) ? String(arg.type) : rng.pick(['Int', 'String!', 'ID', '[ID!]!', 'Boolean', 'Unknown']);
        declarations.push(`$${name}: ${declared}`);
        if (!rng.chance(0.05)) variables[name] = toJson(value);
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${toLiteral(value)}`);
      }
    }
    if (rng.chance(0.05)) parts.push(`unknownArg: ${toLiteral(this.anyValue())}`);
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private value(type: GraphQLInputType, argName: string, fieldName: string, depth: number): Value {
    const rng = this.rng;
    if (!isNonNullType(type) && rng.chance(0.05)) return null;
    const inner = getNullableType(type) as GraphQLInputType;
    if (isListType(inner)) {
      return Array.from({ length: rng.int(0, 3) }, () => this.value(inner.ofType, argName, fieldName, depth + 1));
    }
    if (isInputObjectType(inner)) {
      const out: { [key: string]: Value } = {};
      for (const f of Object.values(inner.getFields())) {
        if (rng.chance(isNonNullType(f.type) ? 0.93 : 0.6)) out[f.name] = this.value(f.type, f.name, fieldName, depth + 1);
      }
      if (rng.chance(0.05)) out.unknownField = this.anyValue();
      return out;
    }
    if (isEnumType(inner)) {
      return new EnumValue(rng.chance(0.9) ? rng.pick(inner.getValues()).name : rng.pick(['NOPE', 'newest', '__proto__']));
    }
    switch (inner.name) {
      case 'Int':
        return nastyNumber(rng, false);
      case 'Float':
        return nastyNumber(rng, true);
      case 'Boolean':
        return rng.chance(0.9) ? rng.chance(0.5) : rng.pick<Value>(['true', 0, 1]);
      case 'ID':
        return nastyId(rng, this.pool, idKind(argName, fieldName));
      default:
        return argName === 'after' || argName === 'before' ? nastyCursor(rng) : nastyString(rng);
    }
  }

  private anyValue(): Value {
    return this.rng.pick<() => Value>([
      () => nastyString(this.rng),
      () => nastyNumber(this.rng, this.rng.chance(0.5)),
      () => this.rng.chance(0.5),
      () => null,
      () => [nastyString(this.rng), 1],
      () => ({ a: { b: { c: [] } } }),
    ])();
  }

  /** A selection `depth` levels deep where the type allows, with some invalid selections. */
  private selection(type: GraphQLNamedType, depth: number): string {
    const rng = this.rng;
    if (isLeafType(type)) return rng.chance(0.02) ? ' { id }' : '';
    if (rng.chance(0.02)) return ''; // an object without a selection
    if (isAbstractType(type)) {
      const members = this.schema.getPossibleTypes(type);
      const picked = members.filter(() => rng.chance(0.6));
      return ` { __typename ${picked.map((t) => `... on ${t.name}${this.selection(t, depth)}`).join(' ')} }`;
    }
    if (!isObjectType(type)) return '';
    const fields = Object.values(type.getFields());
    const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)));
    const picks = new Set<GraphQLField<unknown, unknown>>();
    // Broad near the leaves, a single chain further up: deep without growing exponentially.
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    for (let i = rng.int(1, 4); i > 0; i--) picks.add(rng.pick(depth > 3 && leaves.length ? leaves : fields));
    if (depth > 1 && objects.length) picks.add(rng.pick(objects));
    const parts = [...picks].map((f) => {
      const named = getNamedType(f.type);
      const nested = isLeafType(named) ? '' : depth > 1 ? this.selection(named, depth - 1) : this.leaves(named);
      const args = f.args.length && rng.chance(0.3) ? this.inlineArgs(f) : '';
      return `${f.name}${args}${nested}`;
    });
    if (rng.chance(0.02)) parts.push('notAField');
    return ` { ${parts.join(' ')} }`;
  }

  /** The cheapest valid selection on an object type: its scalar fields, or __typename. */
  private leaves(type: GraphQLNamedType): string {
    if (!isObjectType(type)) return ' { __typename }';
    const scalars = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)));
    return ` { ${scalars.slice(0, 3).map((f) => f.name).join(' ') || '__typename'} }`;
  }

  private inlineArgs(field: GraphQLField<unknown, unknown>): string {
    const args = field.args.filter((a: GraphQLArgument) => this.rng.chance(0.5) || isNonNullType(a.type));
    return args.length ? `(${args.map((a) => `${a.name}: ${toLiteral(this.value(a.type, a.name, field.name, 0))}`).join(', ')})` : '';
  }
}

function toJson(value: Value): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** A GraphQL literal; NaN and Infinity come out as bare words, which GraphQL rejects, as it should. */
function toLiteral(value: Value): string {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return `[${value.map(toLiteral).join(', ')}]`;
  if (value && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${toLiteral(v)}`).join(', ')}}`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
