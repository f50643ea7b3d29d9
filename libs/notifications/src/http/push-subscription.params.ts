import { Matches } from 'class-validator';

export class PushSubscriptionParams {
  @Matches(/^[0-9a-f]{24}$/, { message: 'id must be a subscription id' })
  id!: string;
}
