import type { ConnectionState } from '@chat/client-sdk';

const LABELS: Record<ConnectionState, string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  resumed: 'Resumed',
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span class={`connection ${state}`} data-testid="connection" data-state={state} role="status">
      {LABELS[state]}
    </span>
  );
}
