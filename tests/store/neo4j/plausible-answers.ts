/**
 * Answers for the recording driver, shaped like a server's: one row per statement whose columns
 * are the statement's RETURN items, each a value of the type the graph model gives it (a node
 * becomes a Node with every model property, `count(...)` an Integer, `v.prop` the property's
 * type). Existence checks (cypher/guards.ts) answer from a fixed set of stored ids, and
 * `overrides` answer chosen statements (conflict checks that must find nothing, lists that must
 * hold several rows), so that every branch of a repository method is reached.
 */
import neo4j from 'neo4j-driver';
import { NODES, type PropertyType } from '../../../src/store/cypher/model';
import type { Params } from '../../../src/store/cypher/runner';
import type { Answer } from './recording-driver';

export interface World {
  /** Ids stored per label; existence checks find these and no others. */
  stored: Record<string, readonly string[]>;
  /** Statements answered with fixed rows instead, first match wins. */
  overrides: { pattern: RegExp; rows: Record<string, unknown>[] }[];
}

const EXISTENCE = /MATCH \(n:(\w+) \{id: \$?id\}\) RETURN n\.id AS id$/;

export function plausibleAnswers(world: World): Answer {
  return (query, params) => {
    const override = world.overrides.find((o) => o.pattern.test(query));
    if (override) return override.rows;
    const existence = EXISTENCE.exec(query);
    if (existence) {
      const asked = params.ids ? (params.ids as string[]) : [params.id as string];
      return asked.filter((id) => world.stored[existence[1]]?.includes(id)).map((id) => ({ id }));
    }
    const items = returnItems(query);
    if (items.length === 0) return [];
    return [Object.fromEntries(items.map(({ expr, alias }) => [alias, valueOf(expr, query, params)]))];
  };
}

/** The items of the statement's last RETURN (a UNION's parts all return the same columns). */
function returnItems(query: string): { expr: string; alias: string }[] {
  const at = [...query.matchAll(/\bRETURN\b/g)].at(-1)?.index;
  if (at === undefined) return [];
  const projection = query.slice(at + 'RETURN'.length).split(/\b(?:ORDER BY|SKIP|LIMIT)\b/)[0];
  return splitTopLevel(projection).map((item) => {
    const named = /^([\s\S]*)\s+AS\s+(\w+)$/.exec(item);
    return named ? { expr: named[1].trim(), alias: named[2] } : { expr: item, alias: item };
  });
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if ('([{'.includes(text[i])) depth++;
    else if (')]}'.includes(text[i])) depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

function valueOf(expr: string, query: string, params: Params): unknown {
  if (/^count\(/i.test(expr) || /^\d+$/.test(expr)) return neo4j.int(1);
  const literal = /^'([^']*)'$/.exec(expr);
  if (literal) return literal[1];
  const label = (variable: string) => new RegExp(`\\(${variable}:(\\w+)`).exec(query)?.[1];
  if (/^\w+$/.test(expr)) {
    const nodeLabel = label(expr);
    if (!nodeLabel) return 'x';
    const node = NODES.find((n) => n.label === nodeLabel)!;
    const properties = Object.fromEntries(
      Object.entries(node.properties).map(([name, type]) => [name, sample(name, type, params)]),
    );
    return new neo4j.types.Node(neo4j.int(1), [nodeLabel], properties);
  }
  const property = /^(\w+)\.(\w+)$/.exec(expr);
  const type = property && NODES.find((n) => n.label === label(property[1]))?.properties[property[2]];
  return sample(property?.[2] ?? expr, type ?? 'STRING', params);
}

/** A value a stored property of this name and type could hold. */
function sample(name: string, type: PropertyType, params: Params): unknown {
  if (type === 'INT64') return neo4j.int(1);
  if (type === 'DOUBLE') return 1.5;
  switch (name) {
    case 'id':
      return typeof params.id === 'string' ? params.id : 'x';
    case 'authorProduct':
      return 'someone|x';
    case 'data':
    case 'metadata':
      return '{}';
    case 'vector':
      return '';
    case 'audience':
      return 'FOLLOWERS';
    case 'shareVisibility':
      return 'PUBLIC';
    default:
      return `${name}-1`;
  }
}
