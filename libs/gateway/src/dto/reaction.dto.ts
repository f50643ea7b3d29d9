import { RoomLimits } from '@chat/contracts';
import { EmojiText, IdField } from '@chat/platform/validation';

export class ReactionDto {
  @IdField() roomId!: string;
  @IdField() messageId!: string;
  @EmojiText(RoomLimits.emoji) emoji!: string;
}
