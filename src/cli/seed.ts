/**
 * npm run seed -- [--users N --products N ... --seed N] [--truth FILE] [--force]
 * Loads the deterministic demo community into the configured store (DATA_DIR or NEO4J_URI).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_TRUTH_FILE, demoHistoryEnd, seedDemo, seedDemoIfEmpty } from '../../seeds/demo';
import { DEFAULT_GENERATOR_OPTIONS, type GeneratorOptions } from '../../seeds/generator';
import { loadConfig } from '../server/config';
import { configuredStore, openStore } from '../store/open';

const SIZES = ['users', 'products', 'categories', 'reviews', 'follows', 'shares', 'communities', 'influencers', 'months', 'seed'] as const;

const HELP = `Usage: npm run seed -- [options]

Generates the demo community and loads it into the store (DATA_DIR, or Neo4j when NEO4J_URI is set).
Without --force it does nothing when the store already has users.

Options (defaults in brackets):
${SIZES.map((k) => `  --${k.padEnd(12)} N   [${DEFAULT_GENERATOR_OPTIONS[k]}]`).join('\n')}
  --end YYYY-MM-DD     the day the simulated history ends [today, UTC]
  --truth FILE         where to write the ground truth JSON [DATA_DIR/demo-ground-truth.json]
  --force              load even when the store has users, e.g. to complete an interrupted seed
                       (rows whose ids exist are kept, so use the same options, --end included)
  --help               show this help
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(SIZES.map((k) => [k, { type: 'string' as const }])),
      end: { type: 'string' },
      truth: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const end = values.end === undefined ? demoHistoryEnd(Date.now()) : Date.parse(`${values.end}T00:00:00Z`);
  if (!Number.isFinite(end)) throw new Error(`--end must be a date (YYYY-MM-DD), got ${JSON.stringify(values.end)}`);
  const options: Partial<GeneratorOptions> = { end };
  const given: Record<string, unknown> = values;
  for (const key of SIZES) {
    const raw = given[key];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${key} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    options[key] = n;
  }

  const config = loadConfig();
  const store = await openStore(configuredStore(config));
  try {
    const seed = values.force ? seedDemo : seedDemoIfEmpty;
    const result = await seed(store, {
      truthFile: path.resolve(typeof values.truth === 'string' ? values.truth : path.join(config.dataDir, DEMO_TRUTH_FILE)),
      options,
      log: (msg) => console.log(msg),
    });
    if (!result.seeded) console.log('Nothing to do (use --force to load anyway).');
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
