import { render } from 'preact';
import { App } from './components/app';
import { ChatStore } from './chat-store';
import { followRoomLinks } from './push/room-links';
import { registerServiceWorker } from './push/register-service-worker';
import { StoreContext } from './use-chat';

const store = new ChatStore();
registerServiceWorker();
followRoomLinks((roomId) => store.openLinked(roomId));

render(
  <StoreContext.Provider value={store}>
    <App />
  </StoreContext.Provider>,
  document.getElementById('app')!,
);
