import type { AttachmentVariant, ChatApi } from '@chat/client-sdk';
import type { AttachmentUrl } from '@chat/contracts';

/** A link is renewed this long before it expires, so a URL handed to the browser still works when used. */
const MARGIN_MS = 15_000;

/**
 * Short-lived, token-free links to attachment bytes, shared by every `<img>` that shows the same
 * preview: one request per attachment and variant until the link is about to expire.
 */
export class AttachmentLinks {
  private readonly links = new Map<string, Promise<AttachmentUrl>>();

  constructor(private readonly api: ChatApi) {}

  /** A link valid for at least `MARGIN_MS` more, fetched fresh when the cached one is older. */
  async url(id: string, variant: AttachmentVariant): Promise<string> {
    const key = `${variant}:${id}`;
    const cached = this.links.get(key);
    if (cached) {
      const link = await cached.catch(() => null);
      if (link && Date.parse(link.expiresAt) - Date.now() > MARGIN_MS) return link.url;
    }
    const fresh = this.api.attachmentLink(id, variant);
    this.links.set(key, fresh);
    fresh.catch(() => this.links.delete(key));
    return (await fresh).url;
  }

  /** Forgets a link the browser could not load with (expired early, clock skew): the next `url` asks again. */
  forget(id: string, variant: AttachmentVariant): void {
    this.links.delete(`${variant}:${id}`);
  }
}
