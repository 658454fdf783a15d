/**
 * Pages read with `ORDER BY … SKIP $offset LIMIT $limit`. LadybugDB (0.19) plans that as a top-k
 * whose scan finds the first row at key block offset / rows-per-block without checking that the
 * block exists, so an offset past the sorted rows' last 256 KiB block reads out of bounds and
 * kills the process (tests/store/ladybug/skip-crash.test.ts). So the query runs only for an offset
 * inside the list: a first page reads alongside the count, a later one after it, and none past
 * the end. (Users and products, the lists paged this way, are never deleted, so the count read
 * first cannot shrink under the offset.)
 */
import type { Page, Slice } from '../contract';

export async function pageWithinCount<T>(page: Page, count: () => Promise<number>, items: () => Promise<T[]>): Promise<Slice<T>> {
  if (page.limit === 0) return { items: [], totalCount: await count() };
  if (page.offset === 0) {
    const [totalCount, rows] = await Promise.all([count(), items()]);
    return { items: rows, totalCount };
  }
  const totalCount = await count();
  return { items: page.offset < totalCount ? await items() : [], totalCount };
}
