import { useState, type FormEvent } from 'react';
import { ApiError, call } from './api';

type Mode = 'signin' | 'signup' | 'join';

const MESSAGES: Record<string, string> = {
  invalid_credentials: 'Wrong workspace, email or password.',
  email_taken: 'That email already has an account here.',
  invite_not_found: 'This invite link is not valid.',
  invite_expired: 'This invite link has expired.',
  domain_taken: 'That workspace URL is taken.',
  ratelimited: 'Too many attempts; wait a minute.',
};

/** Sign in, sign up (a new workspace) and joining through an invite link. */
export function Auth({ invite, onDone }: { invite: string | null; onDone: () => void }) {
  const [mode, setMode] = useState<Mode>(invite ? 'join' : 'signin');
  const [f, setF] = useState({ team: '', teamName: '', email: '', name: '', password: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      if (mode === 'signin') await call('auth.signin', { team: f.team, email: f.email, password: f.password });
      else if (mode === 'signup') await call('auth.signup', { team_name: f.teamName, email: f.email, name: f.name, password: f.password });
      else await call('invites.accept', { code: invite, email: f.email, name: f.name, password: f.password });
      if (location.pathname.startsWith('/join/')) history.replaceState(null, '', '/');
      onDone();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'network_error';
      setError(MESSAGES[code] ?? `Could not continue (${code}).`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth">
      <form className="auth-card" onSubmit={submit} aria-label={mode}>
        <h1>Confab</h1>
        {mode !== 'join' && (
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={mode === 'signin'} onClick={() => setMode('signin')}>Sign in</button>
            <button type="button" role="tab" aria-selected={mode === 'signup'} onClick={() => setMode('signup')}>Create a workspace</button>
          </div>
        )}
        {mode === 'join' && <p>You were invited to a workspace. Create your account to join.</p>}
        {mode === 'signin' && (
          <label>Workspace <input name="team" value={f.team} onChange={set('team')} placeholder="acme" required autoComplete="organization" /></label>
        )}
        {mode === 'signup' && (
          <label>Workspace name <input name="team_name" value={f.teamName} onChange={set('teamName')} required /></label>
        )}
        <label>Email <input name="email" type="email" value={f.email} onChange={set('email')} required autoComplete="email" /></label>
        {mode !== 'signin' && (
          <label>Your name <input name="name" value={f.name} onChange={set('name')} required autoComplete="username" /></label>
        )}
        <label>Password <input name="password" type="password" value={f.password} onChange={set('password')} required minLength={8}
          autoComplete={mode === 'signin' ? 'current-password' : 'new-password'} /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <button className="primary" type="submit" disabled={busy}>
          {mode === 'signin' ? 'Sign in' : mode === 'signup' ? 'Create workspace' : 'Join'}
        </button>
      </form>
    </div>
  );
}
