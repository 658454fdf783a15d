import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { CommunitySort as Sort } from '../../../gnn/forecast/serving';
import { ConnectionArgs, ConnectionType, EdgeType } from './connection';
import { Node } from './node';

export const CommunitySort = { SIZE: 'SIZE', ENGAGEMENT: 'ENGAGEMENT' } as const satisfies { [K in Sort]: K };
registerEnumType(CommunitySort, {
  name: 'CommunitySort',
  description: 'SIZE: most members first. ENGAGEMENT: most reviews and shares in the last complete period first.',
});

@ObjectType({ description: 'Engagement of a community in one period (a week, Monday first).' })
export class EngagementPoint {
  @Field(() => String, { description: 'The period: its first day, YYYY-MM-DD.' })
  period!: string;

  @Field(() => Int)
  reviews!: number;

  @Field(() => Int)
  shares!: number;

  @Field(() => Int, { description: 'New follows made by members.' })
  follows!: number;

  @Field(() => Int, { description: 'Members who reviewed, shared or followed.' })
  activeMembers!: number;
}

@ObjectType({ description: 'Forecast reviews by members in a coming period, with an 80% interval.' })
export class ForecastPoint {
  @Field(() => String)
  period!: string;

  @Field(() => Float, { description: 'Median forecast.' })
  expected!: number;

  @Field(() => Float, { description: '10% quantile.' })
  low!: number;

  @Field(() => Float, { description: '90% quantile.' })
  high!: number;
}

@ObjectType({ implements: Node, description: 'A group of users who mostly follow each other, detected on the follow graph.' })
export class Community extends Node {
  @Field(() => String, { description: 'Generated from its top categories and opinion leaders.' })
  label!: string;

  @Field(() => Int)
  size!: number;
}

@ObjectType()
export class CommunityEdge extends EdgeType(() => Community) {}

@ObjectType()
export class CommunityConnection extends ConnectionType(CommunityEdge) {
  @Field(() => String, { nullable: true, description: 'Version of the community model; null before one is published.' })
  modelVersion!: string | null;
}

@ArgsType()
export class CommunitiesArgs extends ConnectionArgs {
  @Field(() => CommunitySort, { defaultValue: CommunitySort.SIZE })
  sort!: Sort;
}
