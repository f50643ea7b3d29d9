import { useRef, useState } from 'preact/hooks';
import type { Attachment } from '@chat/contracts';
import type { ChatStore } from './chat-store';

/** What the server takes on one message (PROTOCOL.md 1.1). */
export const MAX_ATTACHMENTS = 10;

/** One file on its way into the next message. */
export interface PendingUpload {
  key: number;
  name: string;
  loaded: number;
  total: number;
  attachment?: Attachment;
  error?: string;
}

/**
 * The composer's uploads: each file starts uploading as soon as it is picked, dropped or pasted, so
 * sending only waits for what is still on the wire.
 */
export function useUploads(store: ChatStore, roomId: string) {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const nextKey = useRef(0);

  const update = (key: number, patch: Partial<PendingUpload>) =>
    setUploads((list) => list.map((upload) => (upload.key === key ? { ...upload, ...patch } : upload)));

  const add = (files: Iterable<File>) => {
    for (const file of files) {
      const key = (nextKey.current += 1);
      setUploads((list) =>
        list.length >= MAX_ATTACHMENTS
          ? list
          : [...list, { key, name: file.name || 'pasted image', loaded: 0, total: file.size }],
      );
      store
        .upload(roomId, file, ({ loaded, total }) => update(key, { loaded, total }))
        .then(
          (attachment) => update(key, { attachment, loaded: attachment.size, total: attachment.size }),
          (error: unknown) => update(key, { error: error instanceof Error ? error.message : String(error) }),
        );
    }
  };

  const remove = (key: number) => setUploads((list) => list.filter((upload) => upload.key !== key));
  const clear = () => setUploads([]);
  const ready = uploads.filter((upload) => upload.attachment).map((upload) => upload.attachment!.id);
  const busy = uploads.some((upload) => !upload.attachment && !upload.error);
  return { uploads, add, remove, clear, ready, busy };
}
