import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ATTACHMENTS_OPTIONS, type AttachmentsOptions } from '../attachments.options';

export type Variant = 'original' | 'thumbnail';

/**
 * The app's own short-lived download links (for a store without presigned URLs): an HMAC of the
 * attachment, the variant and the expiry, so a link is good for that one file until then and no longer,
 * and the long-lived access token never appears in a URL.
 */
@Injectable()
export class AttachmentLinks {
  constructor(@Inject(ATTACHMENTS_OPTIONS) private readonly options: AttachmentsOptions) {}

  create(id: string, variant: Variant): { path: string; expiresAt: Date } {
    const expires = Math.floor(Date.now() / 1000) + this.options.linkTtlSeconds;
    const query = new URLSearchParams({
      variant,
      expires: String(expires),
      signature: this.sign(id, variant, expires),
    });
    return {
      path: `/api/attachments/${id}/content?${query.toString()}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  /** @returns why the link is refused, or null when it is good */
  check(id: string, variant: Variant, expires: number, signature: string): 'expired' | 'forged' | null {
    const expected = Buffer.from(this.sign(id, variant, expires));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    return expires * 1000 < Date.now() ? 'expired' : null;
  }

  private sign(id: string, variant: Variant, expires: number): string {
    return createHmac('sha256', this.options.linkSecret)
      .update(`${id}:${variant}:${expires}`)
      .digest('base64url');
  }
}
