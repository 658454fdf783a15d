/**
 * Model training started from the API (`trainModel`, managers only): each job runs the gnn CLI
 * (`gnn/cli.ts train <kind>`) as a child process, which reads the graph and publishes the new
 * model through this server's internal API, authorised by a token that lives only in this
 * process and its children. The API then serves the new version without a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConflictError } from '../domain/errors';
import type { ModelKind } from '../store/contract';
import type { Logger } from './logger';

export type JobStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface TrainingJob {
  id: string;
  kind: ModelKind;
  status: JobStatus;
  requestedBy: string;
  startedAt: number;
  finishedAt: number | null;
  /** The last lines the training printed. */
  output: string;
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT_TAIL = 4_000;
const KEEP_FINISHED = 20;

/** How a job's process is started: [executable, args]. Tests swap it for something quick. */
export type TrainingCommand = (kind: ModelKind) => [string, string[]];

export const trainCommand: TrainingCommand = (kind) => [process.execPath, ['--import', 'tsx', 'gnn/cli.ts', 'train', kind]];

export class TrainingJobs {
  /** Accepted by the internal API from this process's children. */
  readonly token = randomBytes(24).toString('hex');
  private readonly jobs: TrainingJob[] = [];
  private readonly running = new Set<ChildProcess>();
  private stopped = false;
  private readonly done = new WeakMap<TrainingJob, Promise<TrainingJob>>();

  constructor(
    private readonly serverUrl: () => string,
    private readonly logger: Logger,
    private readonly command: TrainingCommand = trainCommand,
    /** Where the job saves model files: the server's, whatever the environment says. */
    private readonly modelDir?: string,
  ) {}

  /** Starts a job; one job per kind at a time (CONFLICT while one runs). */
  start(kind: ModelKind, requestedBy: string): TrainingJob {
    if (this.stopped) throw new ConflictError('the server is shutting down');
    if (this.jobs.some((j) => j.kind === kind && j.status === 'RUNNING')) {
      throw new ConflictError(`a ${kind} training job is already running`);
    }
    const job: TrainingJob = { id: randomUUID(), kind, status: 'RUNNING', requestedBy, startedAt: Date.now(), finishedAt: null, output: '' };
    this.jobs.unshift(job);
    const [bin, args] = this.command(kind);
    const child = spawn(bin, args, {
      cwd: PROJECT_ROOT,
      env: {
        // The job solves on all cores but one (gram-solver-pool.ts), which stays the server's.
        GNN_THREADS: String(Math.max(1, os.availableParallelism() - 1)),
        ...process.env,
        TRAINING_SERVER_URL: this.serverUrl(),
        TRAINING_TOKEN: this.token,
        ...(this.modelDir && { MODEL_DIR: this.modelDir }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    const append = (chunk: Buffer) => (job.output = (job.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL));
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    let settle!: (job: TrainingJob) => void;
    this.done.set(job, new Promise((resolve) => (settle = resolve)));
    const finish = (ok: boolean) => {
      if (job.status !== 'RUNNING') return;
      job.status = ok ? 'SUCCEEDED' : 'FAILED';
      job.finishedAt = Date.now();
      const seconds = (job.finishedAt - job.startedAt) / 1000;
      if (ok) this.logger.info({ job: job.id, kind, status: job.status, seconds }, `training job finished: ${kind} model published in ${seconds.toFixed(0)} s`);
      else this.logger.warn({ job: job.id, kind, status: job.status, seconds, output: job.output.slice(-500) }, `training job failed: ${kind}`);
      this.forgetOldJobs();
      settle(job);
    };
    child.on('error', (err) => {
      append(Buffer.from(String(err)));
      finish(false);
    });
    child.on('exit', (code) => finish(code === 0));
    this.logger.info({ job: job.id, kind, requestedBy }, 'training job started');
    return job;
  }

  /**
   * Shutdown: SIGTERM to every running job, SIGKILL after `graceMs`; resolves when all have exited.
   * A job stopped half-way has published nothing (a run becomes visible only once complete) and
   * can simply be started again.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.running].map(async (child) => {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  /** Resolves with the job once it has succeeded or failed. */
  finished(job: TrainingJob): Promise<TrainingJob> {
    return this.done.get(job) ?? Promise.resolve(job);
  }

  /** Newest first. */
  list(): readonly TrainingJob[] {
    return this.jobs;
  }

  private forgetOldJobs(): void {
    const finished = this.jobs.filter((j) => j.status !== 'RUNNING');
    for (const old of finished.slice(KEEP_FINISHED)) this.jobs.splice(this.jobs.indexOf(old), 1);
  }
}
