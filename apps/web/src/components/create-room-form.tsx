import { useState } from 'preact/hooks';
import { useChat } from '../use-chat';

export function CreateRoomForm({ onDone }: { onDone: () => void }) {
  const [, store] = useChat();
  const [name, setName] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return;
    store.createRoom(name.trim(), isPrivate).then(onDone, () => undefined);
  };
  return (
    <form class="panel" onSubmit={submit} data-testid="create-room">
      <input
        placeholder="Room name"
        aria-label="Room name"
        value={name}
        maxLength={80}
        onInput={(e) => setName(e.currentTarget.value)}
        data-testid="room-name"
      />
      <label class="inline">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.currentTarget.checked)} />
        Private
      </label>
      <button type="submit" data-testid="create-room-submit">
        Create
      </button>
    </form>
  );
}
