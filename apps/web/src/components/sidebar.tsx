import { useState } from 'preact/hooks';
import { useChat } from '../use-chat';
import { CreateRoomForm } from './create-room-form';
import { Directory } from './directory';
import { PresenceDot } from './presence-dot';
import { PushToggle } from './push-toggle';
import { UserPicker } from './user-picker';

type Panel = 'none' | 'create' | 'directory' | 'dm';

export function Sidebar() {
  const [state, store] = useChat();
  const [panel, setPanel] = useState<Panel>('none');
  const toggle = (next: Panel) => setPanel(panel === next ? 'none' : next);
  const done = () => setPanel('none');
  return (
    <nav class="sidebar" aria-label="Rooms">
      <div class="actions">
        <button type="button" onClick={() => toggle('create')} data-testid="new-room">
          New room
        </button>
        <button type="button" onClick={() => toggle('directory')} data-testid="open-directory">
          Directory
        </button>
        <button type="button" onClick={() => toggle('dm')} data-testid="new-dm">
          Message…
        </button>
      </div>
      {panel === 'create' && <CreateRoomForm onDone={done} />}
      {panel === 'directory' && <Directory onDone={done} />}
      {panel === 'dm' && (
        <div class="panel">
          <UserPicker
            label="Find a user"
            onPick={(user) => void store.directMessage(user.id).then(done, () => undefined)}
          />
        </div>
      )}
      <ul class="rooms" data-testid="room-list">
        {state.rooms.map((room) => {
          const other =
            room.kind === 'direct' ? room.memberIds?.find((id) => id !== state.user?.id) : undefined;
          return (
            <li key={room.id}>
              <button
                type="button"
                class={room.id === state.currentRoomId ? 'room-link active' : 'room-link'}
                onClick={() => void store.openRoom(room.id).catch(() => undefined)}
                data-testid="room-item"
                data-room-id={room.id}
              >
                {other && <PresenceDot status={state.presence[other]} />}
                <span class="room-name">{store.roomTitle(room)}</span>
                {(room.unread ?? 0) > 0 && (
                  <span class="badge" data-testid="unread">
                    {room.unread}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <PushToggle />
    </nav>
  );
}
