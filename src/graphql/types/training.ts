import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { JobStatus } from '../../server/training-jobs';
import { MODEL_KINDS, type ModelKind as Kind } from '../../store/contract';
import { User } from './user';

/** What each kind serves; a kind added to MODEL_KINDS without a line here does not compile. */
const SERVES: Record<Kind, string> = { recommend: 'recommendations', influence: 'opinion leaders', forecast: 'communities and engagement forecasts' };

/** The GraphQL enum of MODEL_KINDS: RECOMMEND → 'recommend', ... */
export const ModelKind = Object.fromEntries(MODEL_KINDS.map((k) => [k.toUpperCase(), k])) as { [K in Kind as Uppercase<K>]: K };
registerEnumType(ModelKind, { name: 'ModelKind', description: MODEL_KINDS.map((k) => `${k.toUpperCase()}: ${SERVES[k]}.`).join(' ') });

export const TrainingStatus = { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const satisfies { [K in JobStatus]: K };
registerEnumType(TrainingStatus, { name: 'TrainingStatus' });

@ObjectType({ description: 'A model training run started from the API; on success the API serves the new model at once.' })
export class TrainingJob {
  @Field(() => ID)
  id!: string;

  @Field(() => ModelKind)
  kind!: Kind;

  @Field(() => TrainingStatus)
  status!: JobStatus;

  @Field(() => User, { nullable: true })
  requestedBy!: unknown;

  @Field(() => DateTimeResolver)
  startedAt!: number;

  @Field(() => DateTimeResolver, { nullable: true })
  finishedAt!: number | null;

  @Field(() => String, { description: 'The last lines the training printed (progress, metrics, errors).' })
  output!: string;
}
