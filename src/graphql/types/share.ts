import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { ShareAudience as ShareAudienceValue } from '../../domain/share';
import { ConnectionType, EdgeType } from './connection';
import { Node } from './node';

export const ShareAudience = {
  FOLLOWERS: 'FOLLOWERS',
  USER: 'USER',
} as const satisfies { [K in ShareAudienceValue]: K };
registerEnumType(ShareAudience, {
  name: 'ShareAudience',
  valuesConfig: {
    FOLLOWERS: { description: "All of the sharer's followers." },
    USER: { description: 'One user, the recipient.' },
  },
});

@ObjectType({ implements: Node })
export class Share extends Node {
  @Field(() => ShareAudience)
  audience!: ShareAudienceValue;

  @Field(() => String)
  message!: string;

  @Field(() => DateTimeResolver)
  createdAt!: number;
}

@ObjectType()
export class ShareEdge extends EdgeType(() => Share) {}

@ObjectType()
export class ShareConnection extends ConnectionType(ShareEdge) {}

@InputType()
export class ShareProductInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => ID, { nullable: true, description: 'Share with this user only; omit to share with all followers.' })
  recipientId?: string | null;

  @Field(() => String, { nullable: true })
  message?: string | null;
}
