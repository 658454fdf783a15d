/** Managers' view of the models: what is published for each kind, and how much data there is. */
import { Ctx, Query, Resolver } from 'type-graphql';
import { modelMetrics, trainSeconds } from '../../server/model-metrics';
import { tags } from '../../store/changes';
import { MODEL_KINDS } from '../../store/contract';
import { requireRole } from '../authorize';
import type { Context } from '../context';
import { ModelStatus, PlatformStats } from '../types/model';

@Resolver()
export class ModelResolver {
  @Query(() => [ModelStatus], { description: 'Each model kind with its published version and recorded evaluation (managers only).' })
  async models(@Ctx() ctx: Context): Promise<ModelStatus[]> {
    requireRole(ctx, 'manager');
    return Promise.all(
      MODEL_KINDS.map(async (kind) => {
        const run = await ctx.store.models.current(kind);
        return run
          ? { kind, version: run.version, trainedAt: run.createdAt, trainSeconds: trainSeconds(run), metrics: modelMetrics(run) }
          : { kind, version: null, trainedAt: null, trainSeconds: null, metrics: [] };
      }),
    );
  }

  @Query(() => PlatformStats, { description: 'How many users, products, reviews... the graph holds (managers only).' })
  platformStats(@Ctx() ctx: Context) {
    requireRole(ctx, 'manager');
    ctx.reads.add(tags.anyWrite); // counts change with every write
    return ctx.store.bulk.counts();
  }
}
