import { IsString, MaxLength } from 'class-validator';

/** Any string: an id that is not one of ours names nothing, which is a 404. */
export class RoomIdParams {
  @IsString() @MaxLength(64) id!: string;
}
