/**
 * npm run import -- --reviews FILE --trust FILE [--categories FILE]   (Ciao)
 * npm run import -- --lastfm DIR                                       (hetrec2011-lastfm-2k)
 * Imports a real dataset into the configured store (DATA_DIR, or Neo4j when NEO4J_URI is set).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatSummary, type ProgressFactory, type ImportSummary } from '../../seeds/import/run';
import { absoluteSource, runImport, type ImportSource } from '../../seeds/import/source';
import { loadConfig } from '../server/config';
import { DatabaseInUseError } from '../store/ladybug/runner';
import { configuredStore, openStore } from '../store/open';
import { localServerToken } from '../store/open-training';
import { importViaServer } from './import-remote';
import { Progress } from './progress';

const HELP = `Usage:
  npm run import -- --reviews FILE --trust FILE [--categories FILE]
  npm run import -- --lastfm DIR
  npm run import -- --csv DIR

Imports a dataset into the store in DATA_DIR (LadybugDB; default ./data), or into Neo4j when
NEO4J_URI is set. While a server holds DATA_DIR, the import runs through it (internal API on
127.0.0.1:PORT, with the token the server left in DATA_DIR, or TRAINING_TOKEN set to an admin's).
Importing is idempotent: rows are keyed by the dataset's ids (ciao:u:123, lastfm:p:51, ...),
so a second run adds nothing. Invalid rows are skipped and listed, with reasons, in the summary.

Ciao (Tang et al.):
  --reviews FILE      reviews.csv: user_id,product_id,category_id,rating[,helpfulness][,timestamp]
  --trust FILE        trust.csv: truster_id,trustee_id (the truster follows the trustee)
  --categories FILE   categories.csv: category_id,name (optional; else "Ciao category <id>")
Last.fm (hetrec2011-lastfm-2k):
  --lastfm DIR        directory with artists.dat, user_artists.dat, user_friends.dat, user_taggedartists.dat
Your own export (README "Real data" lists the columns):
  --csv DIR           directory with any of categories.csv, users.csv, products.csv, reviews.csv,
                      follows.csv, shares.csv
Other:
  --chunk N           new rows per bulk transaction (default: LadybugDB 250000, Neo4j 10000)
  --summary-json FILE also write the summary as JSON
  --help              show this help
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      reviews: { type: 'string' },
      trust: { type: 'string' },
      categories: { type: 'string' },
      lastfm: { type: 'string' },
      csv: { type: 'string' },
      chunk: { type: 'string' },
      'summary-json': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const ciao = values.reviews !== undefined || values.trust !== undefined;
  const sources = [ciao, values.lastfm !== undefined, values.csv !== undefined].filter(Boolean).length;
  if (sources !== 1 || (ciao && (!values.reviews || !values.trust))) {
    process.stderr.write(`Give one of --reviews and --trust (Ciao), --lastfm DIR or --csv DIR.\n\n${HELP}`);
    return 2;
  }
  const chunkRows = values.chunk === undefined ? undefined : Number(values.chunk);
  if (chunkRows !== undefined && !(Number.isInteger(chunkRows) && chunkRows > 0)) throw new Error('--chunk must be a positive integer');

  const source: ImportSource = absoluteSource(
    ciao ? { ciao: { reviews: values.reviews!, trust: values.trust!, categories: values.categories } } : values.lastfm ? { lastfm: values.lastfm } : { csv: values.csv! },
  );
  const config = loadConfig();
  const progress: ProgressFactory = (label, total) => new Progress({ label, total });
  let summary: ImportSummary;
  try {
    const store = await openStore(configuredStore(config));
    try {
      process.stderr.write(`Importing into ${config.neo4j ? config.neo4j.uri : config.dataDir}\n`);
      summary = await runImport(store.bulk, source, { chunkRows, progress });
    } finally {
      await store.close();
    }
  } catch (err) {
    if (!(err instanceof DatabaseInUseError)) throw err;
    process.stderr.write(`${config.dataDir} is held by a running server: importing through it (port ${config.port})\n`);
    const token = config.training.token ?? (await localServerToken(config.dataDir)) ?? null;
    summary = await importViaServer(config.port, token, source, chunkRows, progress);
  }
  console.log(formatSummary(summary));
  if (values['summary-json']) await writeFile(values['summary-json'], `${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
