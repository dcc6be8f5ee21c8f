import { useEffect, useState } from 'react';
import { Dialogs, type DialogKind } from './Dialogs';
import { MessagePane } from './MessagePane';
import { QuickSwitcher } from './QuickSwitcher';
import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';
import { Sidebar } from './Sidebar';
import { ThreadPanel } from './ThreadPanel';
import { useChat } from './useChat';

function channelFromUrl(): string | null {
  const m = /^\/client\/([CGD][A-Z0-9]+)/.exec(location.pathname);
  return m ? m[1] : null;
}

/** The signed-in screen: sidebar, message pane, thread panel, and the overlays. */
export function Workspace({ onSignOut, theme, setTheme }: { onSignOut: () => void; theme: string; setTheme: (t: string) => void }) {
  const chat = useChat();
  const [switcher, setSwitcher] = useState(false);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [navOpen, setNavOpen] = useState(false);
  const [searchText, setSearchText] = useState('');
  const [searchQuery, setSearchQuery] = useState<string | null>(null);
  const [askNotify, setAskNotifyState] = useState(() => typeof Notification !== 'undefined'
    && Notification.permission === 'default' && localStorage.getItem('confab.notify-asked') !== '1');
  const setAskNotify = (v: boolean) => {
    if (!v) localStorage.setItem('confab.notify-asked', '1');
    setAskNotifyState(v);
  };

  // open the channel in the URL, else #general, once the sidebar is known
  const booted = chat.convs.size > 0;
  useEffect(() => {
    if (!booted || chat.current) return;
    const wanted = channelFromUrl();
    const general = [...chat.convs.values()].find((c) => c.isGeneral) ?? [...chat.convs.values()][0];
    void chat.open(wanted ?? general.id);
  }, [booted]);

  useEffect(() => {
    if (chat.current && channelFromUrl() !== chat.current) history.pushState(null, '', `/client/${chat.current}`);
  }, [chat.current]);

  useEffect(() => {
    const onPop = () => { const id = channelFromUrl(); if (id) void chat.open(id); };
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSwitcher((s) => !s);
      }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'g') { // Slack's search shortcut
        e.preventDefault();
        document.querySelector<HTMLInputElement>('[data-testid=search-input]')?.focus();
      }
      if (e.key === 'Escape') { setSwitcher(false); setDialog(null); }
    };
    const onFocus = () => {
      chat.focused = true;
      if (chat.current) chat.markRead(chat.current);
    };
    const onBlur = () => { chat.focused = false; };
    window.addEventListener('popstate', onPop);
    window.addEventListener('keydown', onKey);
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
    };
  }, [chat]);

  const open = (id: string) => {
    setNavOpen(false);
    void chat.open(id);
  };

  return (
    <div className={'workspace' + (chat.thread || searchQuery ? ' with-thread' : '') + (navOpen ? ' nav-open' : '')}>
      {chat.connection !== 'online' && (
        <div className="connection" role="status" data-testid="connection">
          {chat.connection === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
        </div>
      )}
      {askNotify && (
        <div className="notify-ask" role="region" aria-label="Notifications">
          Get desktop notifications for mentions and direct messages?
          <button onClick={() => void Notification.requestPermission().finally(() => setAskNotify(false))}>Enable</button>
          <button onClick={() => setAskNotify(false)}>Not now</button>
        </div>
      )}
      <Sidebar open={open} onDialog={setDialog} onSignOut={onSignOut} theme={theme} setTheme={setTheme}
        onSwitcher={() => setSwitcher(true)} />
      <button className="nav-toggle" aria-label="Channels" onClick={() => setNavOpen(!navOpen)}>☰</button>
      {chat.current ? (
        <MessagePane key={chat.current} channel={chat.current}
          search={<SearchBox value={searchText} onChange={setSearchText} onSearch={setSearchQuery} />} />
      ) : <main className="pane" />}
      {chat.thread ? <ThreadPanel key={chat.thread.channel + chat.thread.ts} />
        : searchQuery && <SearchResults query={searchQuery} onClose={() => setSearchQuery(null)} />}
      {switcher && <QuickSwitcher onClose={() => setSwitcher(false)} open={open} />}
      {dialog && <Dialogs kind={dialog} onClose={() => setDialog(null)} open={open} />}
    </div>
  );
}
