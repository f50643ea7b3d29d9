import { useRef, useState } from 'preact/hooks';
import { useChat } from '../use-chat';

const TYPING_RENEW_MS = 3000;
const TYPING_IDLE_MS = 2500;

/** The message box: Enter sends; typing:start while typing, typing:stop when idle or sent. */
export function Composer({ roomId }: { roomId: string }) {
  const [, store] = useChat();
  const [text, setText] = useState('');
  const lastStart = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout>>();

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
    if (!body) return;
    setText('');
    stopTyping();
    void store.send(roomId, body).catch(() => setText(body));
  };

  return (
    <form class="composer" onSubmit={submit}>
      <input
        placeholder="Write a message"
        aria-label="Message"
        value={text}
        maxLength={4000}
        onInput={(e) => onInput(e.currentTarget.value)}
        data-testid="composer"
      />
      <button type="submit" data-testid="send">
        Send
      </button>
    </form>
  );
}
