/**
 * What the API serves from published models, created once per server process and shared by all
 * requests. Each service follows its model's current version on its own (see live-model.ts).
 */
import type { Store } from '../../src/store/contract';
import { buildPublishedRecommender } from '../recommend/published';
import { Recommender } from '../recommend/serving';
import { LiveModel } from './live-model';

export interface ModelServices {
  recommender: Recommender;
}

export function createModelServices(store: Store, refreshMs: number): ModelServices {
  return { recommender: new Recommender(store, new LiveModel(store, 'recommend', buildPublishedRecommender, refreshMs)) };
}
