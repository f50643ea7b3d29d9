import { IdField } from '@chat/platform/validation';

export class MemberParams {
  @IdField() id!: string;
  @IdField() userId!: string;
}
