import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { JobStatus } from '../../server/training-jobs';
import type { ModelKind as Kind } from '../../store/contract';
import { User } from './user';

export const ModelKind = { RECOMMEND: 'recommend', INFLUENCE: 'influence', FORECAST: 'forecast' } as const satisfies Record<string, Kind>;
registerEnumType(ModelKind, { name: 'ModelKind', description: 'RECOMMEND: recommendations. INFLUENCE: opinion leaders. FORECAST: communities and engagement forecasts.' });

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
