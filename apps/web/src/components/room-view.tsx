import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useChat } from '../use-chat';
import { Composer } from './composer';
import { MessageItem } from './message-item';
import { NotificationLevelSelect } from './notification-level-select';
import { PresenceDot } from './presence-dot';
import { UserPicker } from './user-picker';

export function RoomView({ roomId }: { roomId: string }) {
  const [state, store] = useChat();
  const [inviting, setInviting] = useState(false);
  const [showMembers, setShowMembers] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const room = state.rooms.find((r) => r.id === roomId);
  const view = state.views[roomId];
  const messages = view?.messages ?? [];
  const typing = state.typing[roomId] ?? [];
  const online = (view?.members ?? []).filter((m) => state.presence[m.user.id] === 'online');

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    if (heightBeforeOlder.current !== null) {
      element.scrollTop = element.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages]);

  useEffect(() => {
    void store.openRoom(roomId).catch(() => undefined);
  }, [roomId, store]);

  const loadOlder = () => {
    if (!list.current || !view?.hasOlder) return;
    heightBeforeOlder.current = list.current.scrollHeight;
    void store.loadOlder(roomId).catch(() => (heightBeforeOlder.current = null));
  };

  const onScroll = () => {
    const element = list.current;
    if (!element) return;
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    if (element.scrollTop === 0 && view?.hasOlder && heightBeforeOlder.current === null) loadOlder();
  };

  if (!room) return <main class="empty">This room is not available.</main>;
  return (
    <main class="room" data-testid="room-view">
      <header class="room-header">
        <button
          type="button"
          class="back"
          aria-label="Back to rooms"
          onClick={() => void store.openRoom(null)}
        >
          ‹
        </button>
        <div class="title">
          <h2 data-testid="room-title">{store.roomTitle(room)}</h2>
          {room.topic && <p class="topic">{room.topic}</p>}
        </div>
        <NotificationLevelSelect roomId={roomId} />
        <button type="button" onClick={() => setShowMembers(!showMembers)} data-testid="online-count">
          {online.length} online
        </button>
        {room.kind === 'room' && (
          <button type="button" onClick={() => setInviting(!inviting)} data-testid="invite">
            Invite
          </button>
        )}
        {room.kind === 'room' && room.ownerId !== state.user?.id && (
          <button
            type="button"
            onClick={() => void store.leaveRoom(roomId).catch(() => undefined)}
            data-testid="leave"
          >
            Leave
          </button>
        )}
      </header>
      {inviting && (
        <div class="panel">
          <UserPicker
            label="Invite someone"
            onPick={(user) =>
              void store.invite(roomId, user.id).then(
                () => setInviting(false),
                () => undefined,
              )
            }
          />
        </div>
      )}
      {showMembers && (
        <ul class="members" data-testid="members">
          {(view?.members ?? []).map((member) => (
            <li key={member.user.id}>
              <PresenceDot status={state.presence[member.user.id]} /> {member.user.displayName}{' '}
              <small>{member.role}</small>
            </li>
          ))}
        </ul>
      )}
      <div class="messages" ref={list} onScroll={onScroll} data-testid="messages">
        {view?.hasOlder && (
          <button type="button" class="older" onClick={loadOlder} data-testid="load-older">
            Load older messages
          </button>
        )}
        <ol>
          {messages.map((message) => (
            <MessageItem message={message} key={message.id} />
          ))}
        </ol>
      </div>
      <div class="typing" data-testid="typing" aria-live="polite">
        {typing.length > 0 &&
          `${typing.map((id) => store.nameOf(id)).join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…`}
      </div>
      <Composer roomId={roomId} />
    </main>
  );
}
