/**
 * Helpers for the batched contract: answer in the order asked, and cut per-parent child lists
 * into pages. Child lists are fetched as ordered (parent, child id) keys in one query, paged
 * here, and the page's entities loaded in a second query, so a batch of any size costs two
 * round trips and never transfers whole entities that fall outside the page.
 */
import type { Page, Slice } from '../contract';
import type { Row } from './runner';

/** Items in the order of `ids`, null where missing. */
export function inOrder<T extends { id: string }>(ids: readonly string[], items: T[]): (T | null)[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Key rows `{ pid, ... }` ordered by parent then sort key: each parent's rows, in order. */
export function groupByParent(parentIds: readonly string[], keys: Row[]): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of keys) {
    const pid = String(row.pid);
    let group = groups.get(pid);
    if (!group) groups.set(pid, (group = []));
    group.push(row);
  }
  return parentIds.map((pid) => groups.get(pid) ?? []);
}

/** One parent's whole ordered key list cut to `page`. */
export function pageOf(keys: Row[], page: Page): Slice<Row> {
  return { items: keys.slice(page.offset, page.offset + page.limit), totalCount: keys.length };
}

/** Key rows `{ pid, ... }` ordered by parent then sort key, cut to `page` for each parent. */
export function pageByParent(parentIds: readonly string[], keys: Row[], page: Page): Slice<Row>[] {
  return groupByParent(parentIds, keys).map((group) => pageOf(group, page));
}

/** Fills paged key slices with entities loaded by id in one call. */
export async function fillSlices<T extends { id: string }>(
  slices: Slice<Row>[],
  load: (ids: string[]) => Promise<(T | null)[]>,
): Promise<Slice<T>[]> {
  const ids = [...new Set(slices.flatMap((s) => s.items.map((k) => String(k.id))))];
  const loaded = ids.length ? await load(ids) : [];
  const byId = new Map<string, T>();
  for (const item of loaded) if (item) byId.set(item.id, item);
  return slices.map((s) => ({
    items: s.items.map((k) => byId.get(String(k.id))).filter((x): x is T => x !== undefined),
    totalCount: s.totalCount,
  }));
}

