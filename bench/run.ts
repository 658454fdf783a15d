/**
 * `npm run bench [-- NAME [options]]`: runs one benchmark by name, the load benchmark by default.
 * Each benchmark module exports main(argv).
 */
const BENCHES: Record<string, () => Promise<{ main(argv: string[]): Promise<void> }>> = {
  load: () => import('./load'),
  models: () => import('./model-latency'),
};

const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && !first.startsWith('-');
const chosen = named ? first : 'load';
const bench = BENCHES[chosen];
if (!bench) {
  console.error(`unknown benchmark ${JSON.stringify(chosen)}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
await (await bench()).main(named ? rest : process.argv.slice(2));

export {};
