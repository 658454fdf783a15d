/**
 * `npm run import` while this server holds the database (POST /internal/import): the CLI sends
 * what to import (absolute paths on this machine, seeds/import/source.ts) and the server runs the
 * import through its own store, streaming NDJSON back: `{progress: {label, total?, done,
 * finished?}}` lines (at most four a second per bar), then `{summary}` or `{error}`. Readers go
 * on meanwhile; each stored chunk announces itself to the response cache like any write. If the
 * caller goes away, the import stops at its next row (what is stored so far is whole; rerun to
 * complete it).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProgressFactory } from '../../seeds/import/run';
import { runImport, sourceFromJson } from '../../seeds/import/source';
import { InvalidInputError } from '../domain/errors';
import type { Store } from '../store/contract';
import { readBody } from './body';

export interface ImportRequest {
  source: unknown;
  chunkRows?: number;
}

const REPORT_EVERY_MS = 250;

export async function importThroughServer(req: IncomingMessage, res: ServerResponse, store: Store): Promise<void> {
  let request: ImportRequest;
  try {
    request = JSON.parse(await readBody(req, 64 * 1024)) as ImportRequest;
  } catch {
    throw new InvalidInputError('body', 'the body must be JSON: {"source": {...}, "chunkRows"?: n}');
  }
  const source = sourceFromJson(request.source);
  if (!source) throw new InvalidInputError('source', 'source must be {"ciao": {reviews, trust, categories?}}, {"lastfm": dir} or {"csv": dir}, with absolute paths');
  const { chunkRows } = request;
  if (chunkRows !== undefined && !(Number.isInteger(chunkRows) && chunkRows > 0)) throw new InvalidInputError('chunkRows', 'chunkRows must be a positive integer');

  let gone = false;
  res.on('close', () => {
    gone = !res.writableFinished;
  });
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const send = (value: unknown) => void res.write(`${JSON.stringify(value)}\n`);
  const progress: ProgressFactory = (label, total) => {
    let done = 0;
    let sent = 0;
    return {
      tick(n = 1) {
        if (gone) throw new Error('the import client went away');
        done += n;
        const now = Date.now();
        if (now - sent >= REPORT_EVERY_MS) {
          sent = now;
          send({ progress: { label, total, done } });
        }
      },
      finish() {
        send({ progress: { label, total, done, finished: true } });
      },
    };
  };
  try {
    send({ summary: await runImport(store.bulk, source, { chunkRows, progress }) });
  } catch (err) {
    send({ error: err instanceof Error ? err.message : String(err) });
  }
  res.end();
}
