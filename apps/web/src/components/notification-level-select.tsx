import { useEffect, useState } from 'preact/hooks';
import { NOTIFICATION_LEVELS, type NotificationLevel } from '@chat/contracts';
import { useChat } from '../use-chat';

const LABELS: Record<NotificationLevel, string> = { all: 'All', mentions: 'Mentions', none: 'None' };

/** Which of a room's messages notify this user while away, loaded from the server and saved on change. */
export function NotificationLevelSelect({ roomId }: { roomId: string }) {
  const [, store] = useChat();
  const [level, setLevel] = useState<NotificationLevel | null>(null);

  useEffect(() => {
    let current = true;
    store.notificationLevel(roomId).then(
      (loaded) => {
        if (current) setLevel(loaded);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [roomId, store]);

  const change = (next: NotificationLevel) => {
    const previous = level;
    setLevel(next);
    store.setNotificationLevel(roomId, next).then(setLevel, () => setLevel(previous));
  };

  return (
    <label class="level" title="Which messages of this room notify you while you are away">
      <span>Notify</span>
      <select
        value={level ?? ''}
        disabled={level === null}
        onChange={(e) => change(e.currentTarget.value as NotificationLevel)}
        data-testid="notification-level"
        data-level={level ?? undefined}
      >
        {level === null && <option value="">…</option>}
        {NOTIFICATION_LEVELS.map((option) => (
          <option value={option} key={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
