import { render } from 'preact';
import { App } from './components/app';
import { ChatStore } from './chat-store';
import { StoreContext } from './use-chat';

const store = new ChatStore();

render(
  <StoreContext.Provider value={store}>
    <App />
  </StoreContext.Provider>,
  document.getElementById('app')!,
);
