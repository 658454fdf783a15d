/**
 * Neo4j's own Cypher front end (parser and semantic analysis, @neo4j-cypher/language-support)
 * applied to the engine's statements: syntax, undefined variables, removed or LadybugDB-only
 * syntax, functions and procedures Neo4j does not ship, parameters the statement uses but is not
 * sent, labels, types and properties outside the graph model.
 */
import { type CypherVersion, type DbSchema, highlightSyntax, lintCypherQuery, testData } from '@neo4j-cypher/language-support';
import { NODES, RELS } from '../../../src/store/cypher/model';
import type { Params } from '../../../src/store/cypher/runner';

/** Neo4j 5 runs CYPHER 5; Neo4j 2025+ may default to CYPHER 25, which removes more. */
export const CYPHER_VERSIONS: readonly CypherVersion[] = ['CYPHER 5', 'CYPHER 25'];

/**
 * language-support 2.0.0-next.38 loses every CYPHER 25 error of a statement ordered by a leading
 * CASE expression (the analyser reports it without an end position, the wrapper throws copying it
 * and returns no diagnostics), so such statements are really checked under CYPHER 5 only.
 */
export const CYPHER_25_BLIND_SPOT = /ORDER BY CASE/;

/** Namespaces of plugins (APOC, Graph Data Science): the engine must not need them. */
const PLUGINS = /^(apoc|gds)\./;

function builtIns<T extends { name: string }>(registry: Record<string, T>, keep: (entry: T) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(registry).filter(([, entry]) => keep(entry)));
}

const { functions, procedures } = testData.mockSchema;

/** What Neo4j knows besides the statement: its built-in functions and procedures, our graph model, the parameters sent. */
export function lintSchema(version: CypherVersion, params: Params): DbSchema {
  return {
    defaultLanguage: version,
    functions: { [version]: builtIns(functions?.[version] ?? {}, (f) => f.isBuiltIn) },
    procedures: { [version]: builtIns(procedures?.[version] ?? {}, (p) => !PLUGINS.test(p.name)) },
    labels: NODES.map((n) => n.label),
    relationshipTypes: RELS.map((r) => r.type),
    // Keys of the maps sent as parameters (`UNWIND $rows AS row ... row.authorId`) are properties too.
    propertyKeys: [...new Set([...NODES, ...RELS].flatMap((t) => Object.keys(t.properties)).concat(mapKeys(Object.values(params))))],
    graphSchema: RELS.map((r) => ({ from: r.from, to: r.to, relType: r.type })),
    parameters: params,
  };
}

function mapKeys(values: unknown[]): string[] {
  return values.flatMap((value) => {
    if (Array.isArray(value)) return mapKeys(value);
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return [];
    return [...Object.keys(value), ...mapKeys(Object.values(value))];
  });
}

export interface Finding {
  severity: 'error' | 'warning';
  message: string;
  /** The statement text the finding points at. */
  at: string;
}

export function lint(query: string, params: Params, version: CypherVersion): { findings: Finding[]; symbols: { variable: string; definitionPosition: number; references: number[] }[] } {
  const { diagnostics, symbolTables } = lintCypherQuery(query, lintSchema(version, params), { consoleCommandsEnabled: false });
  return {
    findings: diagnostics.map((d) => ({
      severity: d.severity === 1 ? 'error' : 'warning',
      message: typeof d.message === 'string' ? d.message : d.message.value,
      at: query.slice(d.offsets.start, Math.max(d.offsets.end, d.offsets.start + 1)),
    })),
    symbols: symbolTables.flat(),
  };
}

export type StatementKind = 'schema' | 'write' | 'read';

const SCHEMA_OBJECTS = new Set(['CONSTRAINT', 'INDEX', 'RANGE', 'TEXT', 'POINT', 'LOOKUP', 'FULLTEXT', 'VECTOR']);
const WRITE_CLAUSES = new Set(['CREATE', 'MERGE', 'SET', 'DELETE', 'REMOVE', 'FOREACH']);

/** The names of the parameters the statement refers to (`$name`). */
export function parametersUsed(query: string): Set<string> {
  return new Set(highlightSyntax(query).filter((t) => t.tokenType === 'paramValue').map((t) => t.token));
}

/** From the statement's keyword tokens (never its strings or names): schema command, data write or read. */
export function kindOf(query: string): StatementKind {
  const keywords = highlightSyntax(query)
    .filter((t) => t.tokenType === 'keyword')
    .map((t) => t.token.toUpperCase());
  if (['CREATE', 'DROP'].includes(keywords[0]) && SCHEMA_OBJECTS.has(keywords[1])) return 'schema';
  return keywords.some((k) => WRITE_CLAUSES.has(k)) ? 'write' : 'read';
}

/**
 * The statement with one use of a declared variable in an expression renamed to a name nothing
 * declares, or null when no variable is used in an expression. (A use that opens a pattern, `(v)`
 * or `[v]`, is left alone: renamed there, CREATE and MATCH would declare it afresh.) Schema
 * commands have no symbol table; their `FOR (v:Label) ... v.property` is found in the text.
 */
export function withUndeclaredVariable(query: string, symbols: ReturnType<typeof lint>['symbols']): { query: string; name: string } | null {
  // `(` not after a name (that is a function call, `count(v)`), or `[`.
  const opensPattern = (at: number) => /(^|[^\w\s]|\s)\(\s*$|\[\s*$/.test(query.slice(0, at));
  const rename = (variable: string, at: number) => {
    const name = `${variable}_undeclared`;
    return { query: query.slice(0, at) + name + query.slice(at + variable.length), name };
  };
  for (const symbol of symbols) {
    const use = symbol.references.find(
      (at) => at !== symbol.definitionPosition && query.startsWith(symbol.variable, at) && !opensPattern(at),
    );
    if (use !== undefined) return rename(symbol.variable, use);
  }
  const schema = /FOR \((\w+):\w+\)/.exec(query);
  const use = schema && query.indexOf(`${schema[1]}.`, schema.index + schema[0].length);
  return schema && use !== null && use >= 0 ? rename(schema[1], use) : null;
}
