/**
 * First start: once the demo community is in the store, train every model kind that has nothing
 * published yet, one job after another (two at once would only share the same cores), while the
 * API already answers. The jobs are ordinary training jobs, so `trainingJobs` shows them too.
 * Kinds are checked again at each start, so a first start stopped midway finishes the rest.
 */
import type { ModelKind, Store } from '../store/contract';
import type { Logger } from './logger';
import type { TrainingJobs } from './training-jobs';

/** Communities and opinion leaders first: they have no answer at all without a model. */
export const FIRST_START_ORDER: readonly ModelKind[] = ['forecast', 'influence', 'recommend'];

/** Who `trainingJobs` says asked for these jobs (no user: `requestedBy` is null). */
export const FIRST_START_REQUESTER = 'first-start';

export async function trainMissingModels(store: Store, training: TrainingJobs, logger: Logger): Promise<void> {
  const missing: ModelKind[] = [];
  for (const kind of FIRST_START_ORDER) if (!(await store.models.current(kind))) missing.push(kind);
  if (missing.length === 0) return;
  const started = Date.now();
  logger.info({ kinds: missing }, `first start: training ${missing.join(', ')} in the background; the API answers meanwhile`);
  for (const kind of missing) {
    // A manager may have started this kind already: wait for theirs instead.
    const running = training.list().find((j) => j.kind === kind && j.status === 'RUNNING');
    const job = await training.finished(running ?? training.start(kind, FIRST_START_REQUESTER));
    if (job.status !== 'SUCCEEDED') {
      // The other kinds still train; the job's output stays in `trainingJobs`.
      logger.warn({ kind, job: job.id }, `first start: ${kind} training failed (its output: the trainingJobs query)`);
      continue;
    }
    const version = (await store.models.current(kind))?.version;
    logger.info({ kind, version, seconds: (job.finishedAt! - job.startedAt) / 1000 }, `first start: ${kind} model ${version} published`);
  }
  const seconds = (Date.now() - started) / 1000;
  logger.info({ seconds }, `first start: model training done in ${seconds.toFixed(0)} s`);
}
