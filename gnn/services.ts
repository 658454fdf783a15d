/**
 * What the API serves from published models, created once per server process and shared by all
 * requests. Each follows its model's current version on its own (see core/live-model.ts), checking
 * for a newer one at most every `refreshMs`.
 */
import type { TrainingJobs } from '../src/server/training-jobs';
import type { ModelKind, Store } from '../src/store/contract';
import { CommunityForecasts } from './forecast/serving';
import { buildInfluenceIndex, type InfluenceIndex } from './influence/serving';
import { buildPublishedRecommender } from './recommend/published';
import { Recommender } from './recommend/serving';
import { LiveModel } from './core/live-model';

export interface ModelServices {
  recommender: Recommender;
  influence: LiveModel<InfluenceIndex>;
  communities: CommunityForecasts;
  /** Training jobs started from the API. */
  training: TrainingJobs;
}

export function createModelServices(store: Store, refreshMs: number, training: TrainingJobs): ModelServices {
  return {
    training,
    recommender: new Recommender(store, new LiveModel(store, 'recommend', buildPublishedRecommender, refreshMs)),
    influence: new LiveModel(store, 'influence', buildInfluenceIndex, refreshMs),
    communities: new CommunityForecasts(store, refreshMs),
  };
}

/** The version each kind's service has in memory (null before one is loaded), by kind. */
export function servedVersions(models: ModelServices): Record<ModelKind, () => string | null> {
  return {
    recommend: () => models.recommender.live.version(),
    influence: () => models.influence.version(),
    forecast: () => models.communities.live.version(),
  };
}
