/** Where the crash test and the soak write their figures: bench/results/NAME.json, stamped. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes `figures` with the time they were taken; returns the file's path relative to the working directory. */
export async function writeResults(name: string, figures: object): Promise<string> {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), `../../../bench/results/${name}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ ...figures, at: new Date().toISOString() }, null, 2)}\n`);
  return path.relative(process.cwd(), out);
}
