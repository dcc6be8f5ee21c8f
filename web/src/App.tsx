import { useEffect, useState } from 'react';
import { ApiError, call } from './api';
import { Auth } from './Auth';
import { Chat } from './chat';
import { ChatContext } from './useChat';
import { Workspace } from './Workspace';

type Session = 'checking' | 'signed-out' | 'signed-in';

function inviteCode(): string | null {
  const m = /^\/join\/([A-Za-z0-9_-]+)$/.exec(location.pathname);
  return m ? m[1] : null;
}

/** Signed in (the cookie session answers auth.test) → the workspace; otherwise the sign-in screens. */
export function App() {
  const [session, setSession] = useState<Session>('checking');
  const [chat, setChat] = useState<Chat | null>(null);
  const [theme, setTheme] = useState(() => localStorage.getItem('confab.theme') ?? 'auto');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('confab.theme', theme);
  }, [theme]);

  async function check() {
    if (inviteCode()) {
      setSession('signed-out');
      return;
    }
    try {
      await call('auth.test');
      const c = new Chat();
      setChat(c);
      setSession('signed-in');
      await c.boot();
    } catch (e) {
      if (e instanceof ApiError) setSession('signed-out');
      else setTimeout(check, 2000);
    }
  }

  useEffect(() => {
    void check();
  }, []);

  async function signOut() {
    chat?.rtm.stop();
    await call('auth.signout').catch(() => undefined);
    setChat(null);
    setSession('signed-out');
    history.replaceState(null, '', '/');
  }

  if (session === 'checking') return <div className="loading" aria-busy="true">Loading…</div>;
  if (session === 'signed-out' || !chat) return <Auth invite={inviteCode()} onDone={() => void check()} />;
  return (
    <ChatContext.Provider value={chat}>
      <Workspace onSignOut={signOut} theme={theme} setTheme={setTheme} />
    </ChatContext.Provider>
  );
}
