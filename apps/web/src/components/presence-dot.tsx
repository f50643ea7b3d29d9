export function PresenceDot({ status }: { status?: 'online' | 'offline' }) {
  const online = status === 'online';
  return (
    <span
      class={`dot ${online ? 'online' : 'offline'}`}
      title={online ? 'online' : 'offline'}
      aria-label={online ? 'online' : 'offline'}
      data-testid="presence-dot"
      data-status={online ? 'online' : 'offline'}
    />
  );
}
