import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An amount in one currency.' })
export class Money {
  @Field(() => Float)
  amount!: number;

  @Field(() => String, { description: 'ISO 4217 code, e.g. EUR.' })
  currency!: string;
}
