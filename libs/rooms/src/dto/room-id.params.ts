import { IdField } from '@chat/platform/validation';

/** Any string: an id that is not one of ours names nothing, which is a 404. */
export class RoomIdParams {
  @IdField() id!: string;
}
