/**
 * Follows from a dataset's social edge list (two user-id columns, no dates): Ciao's trust
 * (directed) and Last.fm's friendships (mutual, so both ways). Each row is validated and every
 * rejected row reported; follows are dated by `undatedFollowSince`.
 */
import type { Follow } from '../../src/domain/follow';
import { undatedFollowSince, type EarliestTimes } from './earliest';
import { DATASET_ID, type DatasetNaming } from './naming';
import type { ImportRun } from './run';
import { openTable, type TableSpec } from './table';

export interface EdgeListSpec {
  delimiter: TableSpec<string>['delimiter'];
  columns: { from: readonly string[]; to: readonly string[] };
  /** "trust" or "friendship", for the reject reasons. */
  edge: string;
  /** Mutual edges become follows both ways. */
  mutual: boolean;
  /** Why a user is unknown, e.g. "no accepted review". */
  knownUsers: string;
}

export async function* followsFromEdges(
  run: ImportRun,
  file: string,
  spec: EdgeListSpec,
  users: EarliestTimes,
  names: DatasetNaming,
): AsyncGenerator<Follow> {
  const table = await openTable(file, { delimiter: spec.delimiter, columns: spec.columns });
  const rows = new Set<string>();
  const emitted = new Set<string>();
  for await (const row of run.count(table.name, table.rows)) {
    const a = row.fields[table.index.from!]?.trim() ?? '';
    const b = row.fields[table.index.to!]?.trim() ?? '';
    const reason =
      row.fields.length !== table.width || !DATASET_ID.test(a) || !DATASET_ID.test(b) ? 'malformed line'
      : a === b ? `self-${spec.edge}`
      : !users.has(a) || !users.has(b) ? `unknown user (${spec.knownUsers})`
      : rows.has(`${a}>${b}`) ? `duplicate ${spec.edge} edge`
      : null;
    if (reason) {
      run.reject(table.name, reason, row.line);
      continue;
    }
    rows.add(`${a}>${b}`);
    const since = undatedFollowSince(users, a, b);
    // A mutual list usually repeats each pair in both directions; the mirror row adds nothing new.
    for (const [x, y] of spec.mutual ? [[a, b], [b, a]] : [[a, b]]) {
      if (emitted.has(`${x}>${y}`)) continue;
      emitted.add(`${x}>${y}`);
      yield { followerId: names.user(x), followeeId: names.user(y), since };
    }
  }
}
