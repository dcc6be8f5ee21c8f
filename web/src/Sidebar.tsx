import type { Conv } from './chat';
import type { DialogKind } from './Dialogs';
import { useChat } from './useChat';

interface Props {
  open: (id: string) => void;
  onDialog: (k: DialogKind) => void;
  onSignOut: () => void;
  onSwitcher: () => void;
  theme: string;
  setTheme: (t: string) => void;
}

const order = (a: Conv, b: Conv, label: (c: Conv) => string) => label(a).localeCompare(label(b));

/** Channels, direct messages; bold when unread, a badge with the mention count. */
export function Sidebar({ open, onDialog, onSignOut, onSwitcher, theme, setTheme }: Props) {
  const chat = useChat();
  const label = (c: Conv) => chat.convLabel(c);
  const convs = [...chat.convs.values()].filter((c) => !chat.previewing.has(c.id) && (!c.isArchived || c.id === chat.current));
  const channels = convs.filter((c) => c.kind === 'public' || c.kind === 'private').sort((a, b) => order(a, b, label));
  const directs = convs.filter((c) => c.kind === 'im' || c.kind === 'mpim').sort((a, b) => order(a, b, label));

  const item = (c: Conv) => {
    const presence = c.kind === 'im' ? chat.presence.get(c.user ?? '') : undefined;
    return (
      <li key={c.id}>
        <a href={`/client/${c.id}`} data-testid={`conv-${c.id}`} data-unread={c.unread > 0 ? 'true' : 'false'}
          className={'conv' + (c.id === chat.current ? ' current' : '') + (c.unread > 0 ? ' unread' : '')}
          aria-current={c.id === chat.current ? 'page' : undefined}
          onClick={(e) => { e.preventDefault(); open(c.id); }}>
          <span className="conv-icon" aria-hidden="true">
            {c.kind === 'public' ? '#' : c.kind === 'private' ? '🔒' : c.kind === 'im'
              ? <span className={'dot ' + (presence === 'active' ? 'active' : 'away')} /> : '👥'}
          </span>
          <span className="conv-name">{label(c)}</span>
          {c.mentions > 0 && <span className="badge" aria-label={`${c.mentions} mentions`}>{c.mentions}</span>}
        </a>
      </li>
    );
  };

  return (
    <nav className="sidebar" aria-label="Conversations">
      <header className="team">
        <div className="team-name">{chat.self?.team}</div>
        <div className="team-domain" data-testid="team-domain">{chat.self?.domain}</div>
        <div className="me">
          <span className={'dot ' + (chat.presence.get(chat.self?.id ?? '') === 'away' ? 'away' : 'active')} />
          {chat.self?.name}
        </div>
        <div className="team-actions">
          <button onClick={onSwitcher} title="Jump to… (Ctrl+K)">Jump to…</button>
          <button onClick={() => onDialog('invite')}>Invite</button>
          <button onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label="Toggle theme">
            {theme === 'dark' ? '☀' : '☾'}
          </button>
          <button onClick={onSignOut}>Sign out</button>
        </div>
      </header>
      <section>
        <h2>Channels <button className="add" aria-label="Create a channel" onClick={() => onDialog('create')}>+</button></h2>
        <ul>{channels.map(item)}</ul>
        <button className="link" onClick={() => onDialog('browse')}>Browse channels</button>
      </section>
      <section>
        <h2>Direct messages <button className="add" aria-label="New message" onClick={() => onDialog('direct')}>+</button></h2>
        <ul>{directs.map(item)}</ul>
      </section>
    </nav>
  );
}
