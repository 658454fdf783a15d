/**
 * Relay connections over the contract's offset pages: turns first/after/last/before into a
 * `Page`, and a `Slice` back into edges, pageInfo and totalCount.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { InvalidInputError } from '../domain/errors';
import type { Page, Slice } from '../store/contract';
import { decodeCursor, encodeCursor } from './cursor';
import { selectedFieldNames } from './selection';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Connection<TEdge> {
  edges: TEdge[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Page size when the client names neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/** Fetches one page of the list; `limit: 0` asks for the count only. */
export type FetchPage<T> = (page: Page) => Promise<Slice<T>>;

/** `value` as a list size: BAD_USER_INPUT on `field` unless an integer from 0 to `maxPageSize`. */
export function pageSize(field: string, value: number, maxPageSize: number): number {
  if (!Number.isInteger(value) || value < 0) throw new InvalidInputError(field, `${field} must not be negative`);
  if (value > maxPageSize) {
    throw new InvalidInputError(field, `${field} must be at most ${maxPageSize} (the maximum page size)`);
  }
  return value;
}

/**
 * The page the arguments ask for. Only `last` without `before` needs to know where the list
 * ends, and asks `count` for it. (Nested under many parents, the counts are one batched call,
 * but each parent's page then differs, so loaders fetch those pages one call per distinct page.)
 */
export async function toPage(args: ConnectionArgs, maxPageSize: number, count: () => Promise<number>): Promise<Page> {
  if (args.first != null && args.last != null) {
    throw new InvalidInputError('last', 'pass either first or last, not both');
  }
  const start = args.after != null ? decodeCursor(args.after, 'after') + 1 : 0;
  if (args.last != null) {
    const last = pageSize('last', args.last, maxPageSize);
    const end = args.before != null ? decodeCursor(args.before, 'before') : await count();
    const offset = Math.max(start, end - last);
    return { offset, limit: Math.max(0, end - offset) };
  }
  const first = pageSize('first', args.first ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize), maxPageSize);
  const end = args.before != null ? decodeCursor(args.before, 'before') : Infinity;
  return { offset: start, limit: Math.max(0, Math.min(first, end - start)) };
}

/** Shapes a slice fetched at `page` as a connection; `edge` adds per-edge fields (e.g. `since`). */
export function toConnection<T, TEdge>(
  slice: Slice<T>,
  page: Page,
  edge: (item: T, cursor: string) => TEdge,
): Connection<TEdge> {
  const edges = slice.items.map((item, i) => edge(item, encodeCursor(page.offset + i)));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: page.offset > 0,
      hasNextPage: page.offset + slice.items.length < slice.totalCount,
      startCursor: edges.length > 0 ? encodeCursor(page.offset) : null,
      endCursor: edges.length > 0 ? encodeCursor(page.offset + edges.length - 1) : null,
    },
    totalCount: slice.totalCount,
  };
}

function nodeEdge<T>(node: T, cursor: string): { cursor: string; node: T } {
  return { cursor, node };
}

/** True when the client asked for nothing but `totalCount`, so the page's items are not needed. */
function countOnly(info: GraphQLResolveInfo): boolean {
  return [...selectedFieldNames(info)].every((name) => name === 'totalCount' || name === '__typename');
}

/**
 * Resolves a connection field: page arguments in, connection out. A selection of only
 * `totalCount` asks the store for the count alone (`limit: 0`).
 */
export async function connection<T, TEdge = { cursor: string; node: T }>(
  args: ConnectionArgs,
  info: GraphQLResolveInfo,
  maxPageSize: number,
  fetch: FetchPage<T>,
  edge: (item: T, cursor: string) => TEdge = nodeEdge as (item: T, cursor: string) => TEdge,
): Promise<Connection<TEdge>> {
  const countPage: Page = { offset: 0, limit: 0 };
  const page = await toPage(args, maxPageSize, async () => (await fetch(countPage)).totalCount);
  const wanted = countOnly(info) ? countPage : page;
  return toConnection(await fetch(wanted), wanted, edge);
}
