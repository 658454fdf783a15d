/**
 * Entry point: `npm run gnn -- <command> [options]`, `npm run gnn -- --help`,
 * `npm run gnn -- <command> --help`.
 */
import { MODEL_KINDS } from '../src/store/contract';
import { commandHelp, parseOptions, UsageError, type Command } from './core/command';
import { KIND_COMMANDS } from './kinds';

const PROGRAM = 'npm run gnn --';
const COMMANDS: Command[] = MODEL_KINDS.flatMap((kind) => [KIND_COMMANDS[kind].evaluate, KIND_COMMANDS[kind].train]);

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's options.`,
  ].join('\n');
}

/** The command whose (possibly multi-word) name is the longest prefix of argv. */
function findCommand(argv: string[]): { cmd: Command; rest: string[] } | undefined {
  const matches = COMMANDS.map((cmd) => ({ cmd, words: cmd.name.split(' ') }))
    .filter(({ words }) => words.every((w, k) => argv[k] === w))
    .sort((a, b) => b.words.length - a.words.length);
  return matches[0] && { cmd: matches[0].cmd, rest: argv.slice(matches[0].words.length) };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${globalHelp()}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`unknown command "${argv.join(' ')}"\n\n${globalHelp()}\n`);
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    process.stdout.write(`${commandHelp(PROGRAM, found.cmd)}\n`);
    return 0;
  }
  try {
    await found.cmd.run(parseOptions(found.rest, found.cmd.options));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${commandHelp(PROGRAM, found.cmd)}\n`);
      return 2;
    }
    throw err;
  }
}

// Report failures here: the wasm runtime's own uncaught-exception hook would rethrow them and
// make Node print a line of minified emscripten source instead of the error.
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`gnn: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
}
