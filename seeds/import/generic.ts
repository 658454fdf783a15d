/**
 * Importer for a platform's own export: a directory of CSV files, each optional, with a header
 * naming its columns (any order; `?` = optional). Ids are kept as given. Times are epoch
 * milliseconds or ISO 8601. One record per line (a quoted field may hold commas and "", not a
 * line break).
 *
 *   categories.csv  id, name
 *   users.csv       id, handle, display_name, bio?, joined_at
 *   products.csv    id, name, description?, price, currency, category_id, created_at
 *   reviews.csv     id, user_id, product_id, rating, title?, body?, helpful_votes?, created_at
 *   follows.csv     follower_id, followee_id, since
 *   shares.csv      id, user_id, product_id, recipient_id?, message?, created_at
 *
 * Files are loaded in that order and each is streamed once. Rows are checked like the API's own
 * input (handle format, rating 1-5, text lengths, price) and rejected with the reason; rows that
 * repeat an id (or a follow pair) earlier in the file are rejected too. References may point at
 * rows of the same export or at what the database already holds; the store rejects the rest
 * ("unknown author", ...). A share with a recipient goes to that user, else to all followers.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../src/domain/errors';
import { validateNewProduct } from '../../src/domain/product';
import { validateNewReview } from '../../src/domain/review';
import { validateNewShare } from '../../src/domain/share';
import { validateNewUser } from '../../src/domain/user';
import type { BulkKind, BulkLoader, BulkRow } from '../../src/store/contract';
import { ImportRun, type ImportOptions, type ImportSummary } from './run';
import { openTable, wrongWidth, type TableSpec } from './table';

type Field = (name: string) => string | undefined;

interface GenericFile<K extends BulkKind> {
  kind: K;
  file: string;
  columns: Record<string, readonly string[]>;
  optional?: readonly string[];
  /** The row, or throws a DomainError (or RowError) saying why not. */
  parse(get: Field): BulkRow<K>;
  /** What makes two rows the same (rows repeating an earlier key are rejected). */
  key(row: BulkRow<K>): string;
}

class RowError extends Error {}

const col = (name: string): readonly string[] => [name, name.replace(/_/g, '')];

function required(get: Field, name: string): string {
  const v = get(name);
  if (v === undefined || v === '') throw new RowError(`${name} is empty`);
  return v;
}

function time(get: Field, name: string): number {
  const v = required(get, name);
  const at = /^-?\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isSafeInteger(at)) throw new RowError(`${name} is not epoch milliseconds or an ISO 8601 date`);
  return at;
}

function num(get: Field, name: string): number {
  const v = required(get, name);
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RowError(`${name} is not a number`);
  return n;
}

export const GENERIC_FILES = [
  {
    kind: 'categories',
    file: 'categories.csv',
    columns: { id: col('id'), name: col('name') },
    parse: (get) => ({ id: required(get, 'id'), name: required(get, 'name') }),
    key: (r) => r.id,
  } satisfies GenericFile<'categories'>,
  {
    kind: 'users',
    file: 'users.csv',
    columns: { id: col('id'), handle: col('handle'), display_name: col('display_name'), bio: col('bio'), joined_at: col('joined_at') },
    optional: ['bio'],
    parse: (get) => ({
      id: required(get, 'id'),
      ...(validateNewUser({ handle: required(get, 'handle'), displayName: get('display_name') ?? '', bio: get('bio') }) as { handle: string; displayName: string; bio: string }),
      joinedAt: time(get, 'joined_at'),
    }),
    key: (r) => r.id,
  } satisfies GenericFile<'users'>,
  {
    kind: 'products',
    file: 'products.csv',
    columns: {
      id: col('id'), name: col('name'), description: col('description'), price: col('price'),
      currency: col('currency'), category_id: col('category_id'), created_at: col('created_at'),
    },
    optional: ['description'],
    parse: (get) => ({
      id: required(get, 'id'),
      ...(validateNewProduct({
        name: get('name') ?? '',
        description: get('description'),
        price: num(get, 'price'),
        currency: required(get, 'currency'),
        categoryId: required(get, 'category_id'),
      }) as { name: string; description: string; price: number; currency: string; categoryId: string }),
      createdAt: time(get, 'created_at'),
    }),
    key: (r) => r.id,
  } satisfies GenericFile<'products'>,
  {
    kind: 'reviews',
    file: 'reviews.csv',
    columns: {
      id: col('id'), user_id: col('user_id'), product_id: col('product_id'), rating: col('rating'), title: col('title'),
      body: col('body'), helpful_votes: col('helpful_votes'), created_at: col('created_at'),
    },
    optional: ['title', 'body', 'helpful_votes'],
    parse: (get) => {
      const at = time(get, 'created_at');
      const votes = get('helpful_votes') ? num(get, 'helpful_votes') : 0;
      if (!Number.isInteger(votes) || votes < 0) throw new RowError('helpful_votes is not a non-negative integer');
      const { rating, title, body } = validateNewReview({ productId: '', rating: num(get, 'rating'), title: get('title'), body: get('body') });
      return {
        id: required(get, 'id'), authorId: required(get, 'user_id'), productId: required(get, 'product_id'),
        rating, title: title ?? '', body: body ?? '', helpfulVotes: votes, createdAt: at, updatedAt: at,
      };
    },
    key: (r) => r.id,
  } satisfies GenericFile<'reviews'>,
  {
    kind: 'follows',
    file: 'follows.csv',
    columns: { follower_id: col('follower_id'), followee_id: col('followee_id'), since: col('since') },
    parse: (get) => ({ followerId: required(get, 'follower_id'), followeeId: required(get, 'followee_id'), since: time(get, 'since') }),
    key: (f) => `${f.followerId}>${f.followeeId}`,
  } satisfies GenericFile<'follows'>,
  {
    kind: 'shares',
    file: 'shares.csv',
    columns: {
      id: col('id'), user_id: col('user_id'), product_id: col('product_id'), recipient_id: col('recipient_id'),
      message: col('message'), created_at: col('created_at'),
    },
    optional: ['recipient_id', 'message'],
    parse: (get) => {
      const recipientId = get('recipient_id') || null;
      const sharerId = required(get, 'user_id');
      if (recipientId === sharerId) throw new RowError('a user cannot share with themselves');
      const { message } = validateNewShare({ productId: '', message: get('message') });
      return {
        id: required(get, 'id'), sharerId, productId: required(get, 'product_id'), audience: recipientId ? 'USER' : 'FOLLOWERS',
        recipientId, message: message ?? '', createdAt: time(get, 'created_at'),
      };
    },
    key: (r) => r.id,
  } satisfies GenericFile<'shares'>,
] as const;

export async function importGeneric(bulk: BulkLoader, dir: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const present = GENERIC_FILES.filter((f) => existsSync(path.join(dir, f.file)));
  if (present.length === 0) throw new Error(`${dir} holds none of ${GENERIC_FILES.map((f) => f.file).join(', ')}`);
  const run = new ImportRun('CSV', bulk, opts);
  for (const spec of present) await importFile(run, dir, spec as GenericFile<BulkKind>);
  return run.finish();
}

async function importFile<K extends BulkKind>(run: ImportRun, dir: string, spec: GenericFile<K>): Promise<void> {
  const table = await openTable(path.join(dir, spec.file), { delimiter: ',', columns: spec.columns, optional: spec.optional } as TableSpec<string>);
  const seen = new Set<string>();
  async function* rows(): AsyncGenerator<BulkRow<K>> {
    for await (const row of run.count(table.name, table.rows)) {
      const width = wrongWidth(table, row.fields);
      if (width) {
        run.reject(table.name, width, row.line);
        continue;
      }
      const get: Field = (name) => (table.index[name] === undefined ? undefined : row.fields[table.index[name]!].trim());
      let parsed: BulkRow<K>;
      try {
        parsed = spec.parse(get);
      } catch (err) {
        if (!(err instanceof DomainError || err instanceof RowError)) throw err;
        run.reject(table.name, err.message, row.line);
        continue;
      }
      const key = spec.key(parsed);
      if (seen.has(key)) {
        run.reject(table.name, 'repeats an earlier row (the first is kept)', row.line);
        continue;
      }
      seen.add(key);
      yield parsed;
    }
  }
  await run.write(spec.kind, rows());
}
