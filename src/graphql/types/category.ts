import { Field, ObjectType } from 'type-graphql';
import { Node } from './node';

@ObjectType({ implements: Node })
export class Category extends Node {
  @Field(() => String)
  name!: string;
}
