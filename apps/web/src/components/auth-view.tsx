import { useState } from 'preact/hooks';
import { useChat } from '../use-chat';

export function AuthView() {
  const [state, store] = useChat();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      if (mode === 'login') await store.login(username, password);
      else await store.register(username, password);
    } catch {
      // The store shows the error.
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <h1>Chat</h1>
      <form onSubmit={(event) => void submit(event)} data-testid="auth-form">
        <label>
          Username
          <input
            name="username"
            autocomplete="username"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            required
            minLength={3}
            maxLength={32}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete={mode === 'login' ? 'current-password' : 'new-password'}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
            minLength={8}
            maxLength={128}
          />
        </label>
        {state.error && (
          <p class="error" role="alert">
            {state.error}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="auth-submit">
          {mode === 'login' ? 'Log in' : 'Create account'}
        </button>
      </form>
      <button
        type="button"
        class="link"
        data-testid="auth-toggle"
        onClick={() => setMode(mode === 'login' ? 'register' : 'login')}
      >
        {mode === 'login' ? 'New here? Create an account' : 'Have an account? Log in'}
      </button>
    </main>
  );
}
