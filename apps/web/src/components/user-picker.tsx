import { useEffect, useState } from 'preact/hooks';
import type { User } from '@chat/contracts';
import { useChat } from '../use-chat';

/** Search users by name prefix and pick one. */
export function UserPicker({ onPick, label }: { onPick: (user: User) => void; label: string }) {
  const [, store] = useChat();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<User[]>([]);
  useEffect(() => {
    if (!q.trim()) return setFound([]);
    const timer = setTimeout(() => {
      store.searchUsers(q.trim()).then(setFound, () => setFound([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [q, store]);
  const me = store.state.user?.id;
  return (
    <div class="picker">
      <input
        placeholder={label}
        aria-label={label}
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        data-testid="user-search"
      />
      <ul>
        {found
          .filter((user) => user.id !== me)
          .map((user) => (
            <li key={user.id}>
              <button type="button" onClick={() => onPick(user)} data-testid="user-result">
                {user.displayName} <small>@{user.username}</small>
              </button>
            </li>
          ))}
      </ul>
    </div>
  );
}
