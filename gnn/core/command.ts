/**
 * The command-line contract every gnn subcommand implements. A command's name may have several
 * words ("train recommend"); cli.ts dispatches on the longest name matching the leading
 * arguments, so new subcommands are one new file plus one line in the list.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  name: string;
  type: 'string' | 'number' | 'boolean';
  description: string;
  default?: string | number | boolean;
  required?: boolean;
  /** Accepts a comma-separated list (e.g. a hyper-parameter grid). */
  list?: boolean;
}

export type OptionValue = string | number | boolean | Array<string | number>;
export type Options = Record<string, OptionValue | undefined>;

export interface Command {
  name: string;
  summary: string;
  options: OptionSpec[];
  run(options: Options): Promise<void>;
}

export class UsageError extends Error {}

/** Parse `--name value`, `--name=value`, `--flag` / `--no-flag` against the specs. */
export function parseOptions(argv: string[], specs: OptionSpec[]): Options {
  const config: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const s of specs) {
    if (s.type === 'boolean') {
      config[s.name] = { type: 'boolean' };
      config[`no-${s.name}`] = { type: 'boolean' };
    } else {
      config[s.name] = { type: 'string' };
    }
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: config, strict: true, allowPositionals: false }) as {
      values: Record<string, string | boolean | undefined>;
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const out: Options = {};
  for (const spec of specs) {
    let raw: string | boolean | undefined = values[spec.name];
    if (spec.type === 'boolean' && values[`no-${spec.name}`]) raw = false;
    if (raw === undefined) {
      if (spec.required) throw new UsageError(`missing required option --${spec.name}`);
      if (spec.default === undefined || spec.type === 'boolean') {
        out[spec.name] = spec.default;
        continue;
      }
      raw = String(spec.default); // defaults go through the same parsing as given values
    }
    if (spec.type === 'boolean') {
      out[spec.name] = raw;
      continue;
    }
    const parts = spec.list ? String(raw).split(',') : [String(raw)];
    const parsed = parts.map((p) => {
      if (spec.type === 'string') return p;
      const n = Number(p);
      if (p.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${spec.name} expects a number, got "${p}"`);
      return n;
    });
    out[spec.name] = spec.list ? parsed : parsed[0];
  }
  return out;
}

export function commandHelp(program: string, cmd: Command): string {
  const lines = [`Usage: ${program} ${cmd.name} [options]`, '', cmd.summary, '', 'Options:'];
  for (const s of cmd.options) {
    const arg = s.type === 'boolean' ? `--[no-]${s.name}` : `--${s.name} ${s.list ? 'X[,Y...]' : s.type === 'number' ? 'N' : 'VALUE'}`;
    const dflt = s.required ? ' (required)' : s.default !== undefined ? ` (default ${s.default})` : '';
    lines.push(`  ${arg.padEnd(28)} ${s.description}${dflt}`);
  }
  return lines.join('\n');
}
