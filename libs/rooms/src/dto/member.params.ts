import { IdField } from '@chat/platform';

export class MemberParams {
  @IdField() id!: string;
  @IdField() userId!: string;
}
