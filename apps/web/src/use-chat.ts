import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ChatState, ChatStore } from './chat-store';

export const StoreContext = createContext<ChatStore | null>(null);

/** The store and its current state; the component re-renders on every change. */
export function useChat(): [ChatState, ChatStore] {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useChat outside <StoreContext.Provider>');
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe(() => setState(store.state));
  }, [store]);
  return [state, store];
}
