import type { SendRecord } from '@chat/delivery-checker';
import type { RecordingClient } from './recording-client';

const EMOJI = ['👍', '🎉', '👀'];

/**
 * Mixes changes into one member's traffic, as people make them: after its n-th send, the member edits
 * an earlier message of its own (every 3rd), reacts to someone else's latest (every 4th), takes back its
 * oldest reaction (every 8th) and deletes an older message of its own (every 10th). Every change is
 * recorded by the client for the delivery checker, acked or not.
 */
export class ChangeMaker {
  /** Own acked messages, not deleted, oldest first. */
  private readonly mine: string[] = [];
  private readonly reactions: { messageId: string; emoji: string }[] = [];
  private sends = 0;

  constructor(
    private readonly client: RecordingClient,
    private readonly roomId: string,
  ) {}

  /** After each send settled with its `record`: the changes due at this count, one after another. */
  async afterSend(record: SendRecord): Promise<void> {
    const n = (this.sends += 1);
    if (record.outcome === 'acked' && record.messageId) this.mine.push(record.messageId);
    if (n % 3 === 0 && this.mine.length >= 2)
      await this.client.edit(this.roomId, this.mine[this.mine.length - 2], `edited after send ${n}`);
    if (n % 4 === 0) await this.reactToOthers(EMOJI[(n / 4) % EMOJI.length]);
    if (n % 8 === 0 && this.reactions.length > 0) {
      const { messageId, emoji } = this.reactions.shift()!;
      await this.client.react(this.roomId, messageId, emoji, false);
    }
    if (n % 10 === 0 && this.mine.length >= 3) {
      const [messageId] = this.mine.splice(this.mine.length - 3, 1);
      await this.client.delete(this.roomId, messageId);
    }
  }

  private async reactToOthers(emoji: string): Promise<void> {
    const { receipts, userId } = this.client;
    for (let i = receipts.length - 1; i >= 0; i--) {
      const receipt = receipts[i];
      if (receipt.roomId !== this.roomId || receipt.senderId === userId) continue;
      const record = await this.client.react(this.roomId, receipt.messageId, emoji);
      if (record.outcome === 'acked') this.reactions.push({ messageId: receipt.messageId, emoji });
      return;
    }
  }
}
