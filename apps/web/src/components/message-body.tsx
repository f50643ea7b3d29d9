import type { Message } from '@chat/contracts';

/**
 * The body as text nodes, with the reader's own `@name` marked when the server resolved a mention of
 * them. Splitting text never creates HTML: every part is still a text node.
 */
export function MessageBody({ message, myId, myName }: { message: Message; myId?: string; myName?: string }) {
  const mentionsMe = Boolean(myId && myName && message.mentions?.includes(myId));
  if (!mentionsMe || !myName) return <>{message.body}</>;
  const escaped = myName.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const parts = message.body.split(new RegExp(`(@${escaped})(?![a-zA-Z0-9_])`, 'gi'));
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <mark key={index} class="mention" data-testid="mention">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
