import { useRef, useState } from 'preact/hooks';
import { useChat } from '../use-chat';
import { useUploads } from '../use-uploads';
import { UploadList } from './upload-list';

const TYPING_RENEW_MS = 3000;
const TYPING_IDLE_MS = 2500;

/**
 * The message box: Enter sends; typing:start while typing, typing:stop when idle or sent. Files come
 * from the attach button, a drop onto the box, or a pasted image, and go with the next message.
 */
export function Composer({ roomId }: { roomId: string }) {
  const [, store] = useChat();
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const lastStart = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout>>();
  const picker = useRef<HTMLInputElement>(null);
  const files = useUploads(store, roomId);

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (lastStart.current) store.typing(roomId, false);
    lastStart.current = 0;
  };

  const onInput = (value: string) => {
    setText(value);
    if (!value.trim()) return stopTyping();
    if (Date.now() - lastStart.current > TYPING_RENEW_MS) {
      lastStart.current = Date.now();
      store.typing(roomId, true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const body = text.trim();
    const attachmentIds = files.ready;
    if (files.busy || (!body && attachmentIds.length === 0)) return;
    setText('');
    files.clear();
    stopTyping();
    void store.send(roomId, body, attachmentIds).catch(() => setText(body));
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer?.files.length) files.add(event.dataTransfer.files);
  };

  // Only images are taken from the clipboard: pasted text stays text.
  const onPaste = (event: ClipboardEvent) => {
    const images = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith('image/'));
    if (images.length === 0) return;
    event.preventDefault();
    files.add(images);
  };

  return (
    <form
      class={`composer ${dragging ? 'dragging' : ''}`}
      onSubmit={submit}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="composer-form"
    >
      <UploadList uploads={files.uploads} onRemove={files.remove} />
      <div class="composer-row">
        <button
          type="button"
          class="attach"
          aria-label="Attach files"
          onClick={() => picker.current?.click()}
          data-testid="attach"
        >
          Attach
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          onChange={(event) => {
            const input = event.currentTarget;
            if (input.files) files.add(input.files);
            input.value = '';
          }}
          data-testid="attach-input"
        />
        <input
          placeholder="Write a message"
          aria-label="Message"
          value={text}
          maxLength={4000}
          onInput={(e) => onInput(e.currentTarget.value)}
          onPaste={onPaste}
          data-testid="composer"
        />
        <button type="submit" disabled={files.busy} data-testid="send">
          Send
        </button>
      </div>
    </form>
  );
}
