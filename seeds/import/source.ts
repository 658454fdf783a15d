/**
 * What `npm run import` imports, as data: the CLI parses it from its options and either runs it
 * here or sends it to the server holding the database, which runs it the same way.
 */
import path from 'node:path';
import type { BulkLoader } from '../../src/store/contract';
import { importCiao, type CiaoFiles } from './ciao';
import { importGeneric } from './generic';
import { importLastfm } from './lastfm';
import type { ImportOptions, ImportSummary } from './run';

export type ImportSource = { ciao: CiaoFiles } | { lastfm: string } | { csv: string };

export function runImport(bulk: BulkLoader, source: ImportSource, opts: ImportOptions): Promise<ImportSummary> {
  if ('ciao' in source) return importCiao(bulk, source.ciao, opts);
  if ('lastfm' in source) return importLastfm(bulk, source.lastfm, opts);
  return importGeneric(bulk, source.csv, opts);
}

/** Every path in `source` made absolute (a server resolves nothing against its own directory). */
export function absoluteSource(source: ImportSource): ImportSource {
  const abs = (p: string) => path.resolve(p);
  if ('ciao' in source) {
    const { reviews, trust, categories } = source.ciao;
    return { ciao: { reviews: abs(reviews), trust: abs(trust), categories: categories === undefined ? undefined : abs(categories) } };
  }
  return 'lastfm' in source ? { lastfm: abs(source.lastfm) } : { csv: abs(source.csv) };
}

/** The source a request names, or null when it names none or more than one. */
export function sourceFromJson(value: unknown): ImportSource | null {
  const v = (value ?? {}) as Record<string, unknown>;
  const isPath = (p: unknown): p is string => typeof p === 'string' && path.isAbsolute(p);
  const keys = Object.keys(v);
  if (keys.length !== 1) return null;
  if (isPath(v.lastfm)) return { lastfm: v.lastfm };
  if (isPath(v.csv)) return { csv: v.csv };
  const c = v.ciao as Record<string, unknown> | undefined;
  if (c && isPath(c.reviews) && isPath(c.trust) && (c.categories === undefined || isPath(c.categories))) {
    return { ciao: { reviews: c.reviews, trust: c.trust, categories: c.categories as string | undefined } };
  }
  return null;
}
