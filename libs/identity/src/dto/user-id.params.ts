import { IdField } from '@chat/platform/validation';

/** Any string is accepted: an id that is not one of ours names nothing, which is a 404, not a 400. */
export class UserIdParams {
  @IdField() id!: string;
}
