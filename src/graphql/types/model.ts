import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { ModelKind as Kind } from '../../store/contract';
import { ModelKind } from './training';

@ObjectType({ description: 'One number a training run recorded about its model, measured on data held out from fitting.' })
export class ModelMetric {
  @Field(() => String, { description: 'e.g. "validation Recall@20".' })
  name!: string;

  @Field(() => Float)
  value!: number;
}

@ObjectType({ description: 'What the API serves for one model kind: the current published version, if any.' })
export class ModelStatus {
  @Field(() => ModelKind)
  kind!: Kind;

  @Field(() => String, { nullable: true, description: 'Null until a model of this kind is published.' })
  version!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the current version was published.' })
  trainedAt!: number | null;

  @Field(() => Float, { nullable: true, description: 'How long its training took, in seconds.' })
  trainSeconds!: number | null;

  @Field(() => [ModelMetric], { description: 'The evaluation the run recorded (validation data carved from the training data, or a backtest).' })
  metrics!: ModelMetric[];
}

@ObjectType({ description: 'How much the graph holds.' })
export class PlatformStats {
  @Field(() => Int) users!: number;
  @Field(() => Int) products!: number;
  @Field(() => Int) categories!: number;
  @Field(() => Int) reviews!: number;
  @Field(() => Int) follows!: number;
  @Field(() => Int) shares!: number;
}
