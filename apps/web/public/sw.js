// The web client's service worker: push notifications (PushNotificationPayload, libs/contracts) and their
// clicks. Plain JS, served at /sw.js with no-cache so that browsers pick up a new version on their next check.
// It caches nothing: the app itself is served normally.

// A new version takes over at once: it holds no cache that an open page could depend on.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// One push at a time: Chromium's getNotifications() loses a notification whose showNotification() it
// overlaps (it is never listed again), which would defeat the duplicate check of the next push.
let pushes = Promise.resolve();
self.addEventListener('push', (event) => {
  const payload = readPayload(event);
  pushes = pushes.then(() => showPush(payload)).catch(() => undefined);
  event.waitUntil(pushes);
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const roomId = event.notification.data && event.notification.data.roomId;
  event.waitUntil(openRoom(typeof roomId === 'string' ? roomId : null));
});

// The push service hands out a new endpoint. The worker cannot register it: the session's token lives in
// the page's localStorage, out of its reach. The old endpoint then fails at the push service, which is how
// the server learns to drop it, and the page registers the new one when notifications are enabled again.
self.addEventListener('pushsubscriptionchange', () => undefined);

function readPayload(event) {
  if (!event.data) return null;
  try {
    const payload = event.data.json();
    return payload && typeof payload.roomId === 'string' ? payload : null;
  } catch {
    return null;
  }
}

async function showPush(payload) {
  // A subscription made with userVisibleOnly promises a notification for every push, so even one that
  // cannot be read shows something.
  if (!payload) return self.registration.showNotification('Chat', { body: 'New messages' });
  // A redelivery (the server retrying after a crash) carries the same id: showing it again would bring
  // back a preview that a newer notification of the room has already replaced.
  const shown = await self.registration.getNotifications();
  if (shown.some((notification) => notification.data && notification.data.id === payload.id)) return;
  const direct = payload.reason === 'direct';
  const title = (direct ? payload.senderName : payload.roomName) || payload.senderName || 'Chat';
  const count = typeof payload.count === 'number' && payload.count > 0 ? payload.count : 1;
  const body =
    count > 1 || !payload.preview ? `${count} new message${count === 1 ? '' : 's'}` : payload.preview;
  return self.registration.showNotification(title, {
    body,
    // One notification per room: a newer one replaces the older.
    tag: `room:${payload.roomId}`,
    data: { id: payload.id, roomId: payload.roomId },
  });
}

async function openRoom(roomId) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => client.focused) || windows[0];
  if (open) {
    // Focusing may be refused (the click's activation spent); the room should still open.
    await open.focus().catch(() => undefined);
    if (roomId) open.postMessage({ type: 'open-room', roomId });
    return;
  }
  await self.clients.openWindow(roomId ? `/#room=${encodeURIComponent(roomId)}` : '/');
}
