import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './page-info';

/** Base of every `XxxEdge`: subclass it (adding fields such as `since`) and decorate with @ObjectType. */
export function EdgeType(node: () => object) {
  @ObjectType()
  abstract class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(node)
    node!: unknown;
  }
  return Edge;
}

/** Base of every `XxxConnection` over an edge type. */
export function ConnectionType(edge: object) {
  @ObjectType()
  abstract class Connection {
    @Field(() => [edge])
    edges!: unknown[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Size of the whole list, regardless of paging.' })
    totalCount!: number;
  }
  return Connection;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page forward: at most this many edges after `after`.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page backward: at most this many edges before `before`.' })
  last?: number | null;

  @Field(() => String, { nullable: true })
  before?: string | null;
}
