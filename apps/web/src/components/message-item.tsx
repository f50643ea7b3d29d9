import { useState } from 'preact/hooks';
import type { Message } from '@chat/contracts';
import { useChat } from '../use-chat';
import { AttachmentList } from './attachment-list';
import { MessageBody } from './message-body';

const QUICK_REACTIONS = ['👍', '❤️', '😂'];

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** One message. Every user string is a text node: never HTML. */
export function MessageItem({ message }: { message: Message }) {
  const [state, store] = useChat();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.body);
  const mine = message.senderId === state.user?.id;
  const mentionsMe = Boolean(state.user && message.mentions?.includes(state.user.id));

  const saveEdit = (event: Event) => {
    event.preventDefault();
    const body = draft.trim();
    if (body && body !== message.body) void store.edit(message, body).catch(() => undefined);
    setEditing(false);
  };

  return (
    <li
      class={`message ${mine ? 'mine' : ''} ${mentionsMe && !message.deleted ? 'mentions-me' : ''}`}
      data-testid="message"
      data-seq={message.seq}
      data-mentions-me={mentionsMe && !message.deleted ? 'true' : undefined}
    >
      <div class="meta">
        <span class="sender">{store.nameOf(message.senderId)}</span>
        <time dateTime={message.createdAt}>{time(message.createdAt)}</time>
        {message.editedAt && !message.deleted && <span class="edited">(edited)</span>}
      </div>
      {message.deleted ? (
        <p class="body deleted">message deleted</p>
      ) : editing ? (
        <form class="edit" onSubmit={saveEdit}>
          <input value={draft} onInput={(e) => setDraft(e.currentTarget.value)} aria-label="Edit message" />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : message.body || !message.attachments?.length ? (
        <p class="body" data-testid="message-body">
          <MessageBody message={message} myId={state.user?.id} myName={state.user?.username} />
        </p>
      ) : null}
      {!message.deleted && <AttachmentList attachments={message.attachments ?? []} />}
      {!message.deleted && (
        <div class="reactions">
          {Object.entries(message.reactions).map(([emoji, users]) => (
            <button
              type="button"
              key={emoji}
              class={users.includes(state.user?.id ?? '') ? 'reaction mine' : 'reaction'}
              onClick={() => void store.toggleReaction(message, emoji).catch(() => undefined)}
              data-testid="reaction"
            >
              {emoji} {users.length}
            </button>
          ))}
          <span class="tools">
            {QUICK_REACTIONS.filter((emoji) => !message.reactions[emoji]).map((emoji) => (
              <button
                type="button"
                key={emoji}
                class="add-reaction"
                aria-label={`React ${emoji}`}
                onClick={() => void store.toggleReaction(message, emoji).catch(() => undefined)}
              >
                {emoji}
              </button>
            ))}
            {mine && (
              <>
                <button
                  type="button"
                  onClick={() => {
                    setDraft(message.body);
                    setEditing(true);
                  }}
                  data-testid="edit"
                >
                  Edit
                </button>
                <button
                  type="button"
                  onClick={() => void store.remove(message).catch(() => undefined)}
                  data-testid="delete"
                >
                  Delete
                </button>
              </>
            )}
          </span>
        </div>
      )}
    </li>
  );
}
