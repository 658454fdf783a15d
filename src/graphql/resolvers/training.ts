/** Managers start model training and watch it (src/server/training-jobs.ts). */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { TrainingJob as Job } from '../../server/training-jobs';
import type { ModelKind as Kind } from '../../store/contract';
import { requireRole } from '../authorize';
import type { Context } from '../context';
import { ModelKind, TrainingJob } from '../types/training';

const shape = (ctx: Context, job: Job) => ({ ...job, requestedBy: ctx.loaders.users.load(job.requestedBy) });

@Resolver(() => TrainingJob)
export class TrainingResolver {
  @Mutation(() => TrainingJob, { description: 'Train a model from the current graph and publish it (managers only; one job per kind at a time).' })
  trainModel(@Arg('kind', () => ModelKind) kind: Kind, @Ctx() ctx: Context) {
    const viewer = requireRole(ctx, 'manager');
    return shape(ctx, ctx.models.training.start(kind, viewer.userId));
  }

  @Query(() => [TrainingJob], { description: 'Recent training jobs, newest first (managers only).' })
  trainingJobs(@Ctx() ctx: Context) {
    requireRole(ctx, 'manager');
    return ctx.models.training.list().map((job) => shape(ctx, job));
  }
}
