const PREFIX = '#room=';

/** The room a `#room=<id>` URL names (a notification's click that opened a new window). */
export function roomIdFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    return decodeURIComponent(hash.slice(PREFIX.length)) || null;
  } catch {
    return null;
  }
}

/**
 * Calls `open` with each room a link names: the page's `#room=<id>` at start and on change, and the
 * service worker's `open-room` message when a notification is clicked while the page is open.
 */
export function followRoomLinks(open: (roomId: string) => void): void {
  const fromHash = () => {
    const roomId = roomIdFromHash(location.hash);
    if (!roomId) return;
    // Once followed, the link must not pull a later reload back to this room.
    history.replaceState(null, '', location.pathname + location.search);
    open(roomId);
  };
  fromHash();
  addEventListener('hashchange', fromHash);
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; roomId?: unknown } | null;
    if (data?.type === 'open-room' && typeof data.roomId === 'string') open(data.roomId);
  });
}
