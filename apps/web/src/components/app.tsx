import { useChat } from '../use-chat';
import { AnnouncementBanner } from './announcement-banner';
import { AuthView } from './auth-view';
import { ConnectionBadge } from './connection-badge';
import { RoomView } from './room-view';
import { Sidebar } from './sidebar';

export function App() {
  const [state, store] = useChat();
  if (!state.user) return <AuthView />;
  return (
    <div class={`shell ${state.currentRoomId ? 'has-room' : 'no-room'}`}>
      <header class="topbar">
        <strong class="brand">Chat</strong>
        <ConnectionBadge state={state.connection} />
        <span class="me" data-testid="me">
          {state.user.displayName}
        </span>
        <button type="button" onClick={() => void store.logout()} data-testid="logout">
          Log out
        </button>
      </header>
      <AnnouncementBanner />
      {state.error && (
        <div class="error" role="alert" data-testid="error">
          {state.error}
          <button type="button" aria-label="Dismiss" onClick={() => store.dismissError()}>
            ×
          </button>
        </div>
      )}
      <div class="panes">
        <Sidebar />
        {state.currentRoomId ? (
          <RoomView roomId={state.currentRoomId} key={state.currentRoomId} />
        ) : (
          <main class="empty">Pick a room, or start one.</main>
        )}
      </div>
    </div>
  );
}
