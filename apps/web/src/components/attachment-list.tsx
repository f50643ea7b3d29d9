import { useEffect, useState } from 'preact/hooks';
import type { Attachment } from '@chat/contracts';
import { useChat } from '../use-chat';
import { formatSize } from '../file-size';

/**
 * An image's preview through a short-lived link: the access token never goes in a URL. A link that
 * fails to load (it expired while the page sat open) is fetched fresh once.
 */
function Preview({ attachment }: { attachment: Attachment }) {
  const [, store] = useChat();
  const [src, setSrc] = useState<string | null>(null);
  const [retried, setRetried] = useState(false);

  useEffect(() => {
    let live = true;
    void store.links.url(attachment.id, 'thumbnail').then(
      (url) => live && setSrc(url),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [attachment.id, store]);

  const onError = () => {
    if (retried) return;
    setRetried(true);
    store.links.forget(attachment.id, 'thumbnail');
    void store.links.url(attachment.id, 'thumbnail').then(setSrc, () => undefined);
  };

  if (!src) return <span class="preview placeholder" />;
  return (
    <img
      class="preview"
      src={src}
      alt={attachment.name}
      width={previewSize(attachment).width}
      height={previewSize(attachment).height}
      onError={onError}
      data-testid="attachment-preview"
    />
  );
}

/** The box the preview takes before it loads, so the list does not jump: the thumbnail's 320 px bound. */
function previewSize(attachment: Attachment): { width?: number; height?: number } {
  if (!attachment.width || !attachment.height) return {};
  const scale = Math.min(1, 320 / Math.max(attachment.width, attachment.height));
  return { width: Math.round(attachment.width * scale), height: Math.round(attachment.height * scale) };
}

/** A download link whose URL is asked for at the click: the link is short-lived, the page is not. */
function DownloadLink({ attachment }: { attachment: Attachment }) {
  const [, store] = useChat();
  const download = (event: Event) => {
    event.preventDefault();
    void store.links.url(attachment.id, 'original').then((url) => {
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = attachment.name;
      anchor.rel = 'noopener';
      anchor.click();
    });
  };
  return (
    <a href="#" class="download" onClick={download} data-testid="attachment-download">
      {attachment.name} <small>({formatSize(attachment.size)})</small>
    </a>
  );
}

export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul class="attachments" data-testid="attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id} data-testid="attachment">
          {attachment.thumbnail && <Preview attachment={attachment} />}
          <DownloadLink attachment={attachment} />
        </li>
      ))}
    </ul>
  );
}
