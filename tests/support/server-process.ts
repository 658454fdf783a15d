/**
 * The API as a separate process, the way `npm start` runs it: `src/server/main.ts` on a data
 * directory and a free port. The crash test kills it with SIGKILL; the load bench measures it
 * without the client sharing its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A start on a busy machine (the demo seed included) takes seconds; minutes mean it hangs. */
const STARTUP_MS = 180_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  /** e.g. http://127.0.0.1:40123/graphql */
  url: string;
  pid: number;
  /** SIGKILL: no shutdown hooks run, as in a power cut of the process. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the server finishes requests and closes the store; rejects on a non-zero exit. */
  stop(): Promise<void>;
  /** Sends `signal` to the started process alone or to its whole process group (with `npm`). */
  signal(signal: NodeJS.Signals, to: 'process' | 'group'): void;
  /** Resolves once every process of the group has exited. */
  gone(): Promise<void>;
}

export interface ServerProcessOptions {
  dataDir: string;
  /** Extra environment (e.g. SEED_ON_EMPTY, MAX_PAGE_SIZE; HOST is 127.0.0.1 unless given, undefined unsets it); LOG_LEVEL stays info, the listening line is read from the log. */
  env?: Record<string, string | undefined>;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=...']. */
  nodeArgs?: string[];
  /** Receives every log line (JSON, as pino writes it). */
  onLog?: (line: string) => void;
  /** Start as `npm start` in its own process group (npm, then node), as a terminal or supervisor does. */
  npm?: boolean;
}

export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEO4J_URI: '',
    // One client machine sends everything: per-IP and per-token limits would measure the limiter.
    RATE_LIMIT_IP_PER_MINUTE: '0',
    RATE_LIMIT_TOKEN_PER_MINUTE: '0',
    HOST: '127.0.0.1',
    ...opts.env,
    LOG_LEVEL: 'info',
    DATA_DIR: opts.dataDir,
    PORT: '0',
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const [bin, args] = opts.npm ? ['npm', ['start']] : [process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'src/server/main.ts']];
  const child = spawn(bin, args, {
    cwd: ROOT,
    detached: opts.npm,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  const tail: string[] = [];
  const remember = (line: string) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    opts.onLog?.(line);
  };
  createInterface({ input: child.stderr! }).on('line', remember);
  const url = await new Promise<string>((resolve, reject) => {
    setTimeout(() => reject(new Error(`server not listening after ${STARTUP_MS / 1000}s:\n${tail.join('\n')}`)), STARTUP_MS).unref();
    child.once('exit', (code, signal) =>
      reject(new Error(`server exited before listening (${signal ?? code}):\n${tail.join('\n')}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      const url = listeningUrl(line);
      if (url) resolve(url);
    });
  }).catch(async (err) => {
    await kill(child, exited);
    throw err;
  });
  const signal = (sig: NodeJS.Signals, to: 'process' | 'group') => {
    try {
      process.kill(to === 'group' ? -child.pid! : child.pid!, sig);
    } catch {
      // already gone
    }
  };
  return {
    url,
    pid: child.pid!,
    kill: opts.npm ? async () => (signal('SIGKILL', 'group'), await groupGone(child.pid!)) : () => kill(child, exited),
    signal,
    gone: () => (opts.npm ? groupGone(child.pid!) : exited.then(() => {})),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const [code, signal] = await exited;
      if (code !== 0) throw new Error(`server exited with ${signal ?? code} on SIGTERM:\n${tail.join('\n')}`);
    },
  };
}

/** Polls until no process of the group is left (npm may exit before the server it started). */
async function groupGone(pgid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function kill(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}

function listeningUrl(line: string): string | undefined {
  try {
    return (JSON.parse(line) as { url?: string }).url;
  } catch {
    return undefined;
  }
}
