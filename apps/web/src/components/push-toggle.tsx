import { useEffect, useState } from 'preact/hooks';
import { useChat } from '../use-chat';
import { currentPushState, type PushState } from '../push/subscribe-device';

const STATUS: Record<PushState, string> = {
  unsupported: 'This browser cannot show notifications.',
  off: '',
  enabled: 'Notifications are on for this device.',
  blocked: 'Notifications are blocked in the browser settings for this site.',
  unavailable: 'This server does not send browser notifications.',
};

/** This device's push notifications: its state, and the button that asks for them. */
export function PushToggle() {
  const [, store] = useChat();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    currentPushState().then(setState, () => setState('off'));
  }, []);

  const enable = () => {
    setBusy(true);
    setError(null);
    void store
      .enablePush()
      .then(setState, (failure: unknown) =>
        setError(failure instanceof Error ? failure.message : String(failure)),
      )
      .finally(() => setBusy(false));
  };

  if (state === null) return null;
  return (
    <div class="push" data-testid="push" data-state={error ? 'error' : state}>
      {state === 'off' && (
        <button type="button" onClick={enable} disabled={busy} data-testid="push-enable">
          {busy ? 'Enabling…' : 'Enable notifications'}
        </button>
      )}
      <small role="status" data-testid="push-status">
        {error ? `Could not enable notifications: ${error}` : STATUS[state]}
      </small>
    </div>
  );
}
