import { useEffect, useState } from 'preact/hooks';
import type { Room } from '@chat/contracts';
import { useChat } from '../use-chat';

/** The public room directory, filtered by name prefix. */
export function Directory({ onDone }: { onDone: () => void }) {
  const [state, store] = useChat();
  const [q, setQ] = useState('');
  const [rooms, setRooms] = useState<Room[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      store.publicRooms(q.trim()).then(setRooms, () => setRooms([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [q, store]);
  const joined = new Set(state.rooms.map((room) => room.id));
  return (
    <div class="panel" data-testid="directory">
      <input
        placeholder="Search public rooms"
        aria-label="Search public rooms"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
      <ul>
        {rooms.map((room) => (
          <li key={room.id}>
            <span class="room-name">{room.name}</span> <small>{room.memberCount} members</small>
            <button
              type="button"
              data-testid="directory-join"
              onClick={() => void store.joinPublic(room.id).then(onDone, () => undefined)}
            >
              {joined.has(room.id) ? 'Open' : 'Join'}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
