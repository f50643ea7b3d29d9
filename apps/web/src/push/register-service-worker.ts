/**
 * Registers `/sw.js`, which shows push notifications and opens their room on a click. Its scope is the
 * whole origin, so that a notification's click can reach any page of the client.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  // The chat works without it: only notifications while the page is closed are lost.
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    console.warn('service worker registration failed', error);
  });
}
