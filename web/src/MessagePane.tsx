import { useState, type ReactNode } from 'react';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { useChat } from './useChat';

/** A conversation: header (with the search box), history (MessageList), typing line, composer. */
export function MessagePane({ channel, search }: { channel: string; search?: ReactNode }) {
  const chat = useChat();
  const conv = chat.convs.get(channel);
  const h = chat.hist(channel);
  const [editing, setEditing] = useState<string | null>(null);

  if (!conv) return <main className="pane" />;
  const title = conv.kind === 'public' ? `#${conv.name}` : conv.kind === 'private' ? `🔒 ${conv.name}` : chat.convLabel(conv);
  const typers = chat.typers(channel).map((u) => chat.userName(u) || 'Someone');
  const previewing = chat.previewing.has(channel);
  const canArchive = (conv.kind === 'public' || conv.kind === 'private') && !conv.isGeneral && !conv.isArchived && chat.self?.isAdmin;
  const canLeave = (conv.kind === 'public' || conv.kind === 'private') && !conv.isGeneral && !previewing;

  return (
    <main className="pane" aria-label={title}>
      <header className="pane-header">
        <h1 data-testid="channel-title">{title}</h1>
        {search}
        <div className="pane-actions">
          {canLeave && <button onClick={() => void chat.leave(channel)}>Leave</button>}
          {canArchive && <button onClick={() => { if (confirm(`Archive ${title}?`)) void chat.archive(channel); }}>Archive</button>}
        </div>
      </header>
      <MessageList channel={channel} editing={editing} setEditing={setEditing} />
      <div className="typing" aria-live="polite" data-testid="typing">
        {typers.length === 1 ? `${typers[0]} is typing…` : typers.length > 1 ? `${typers.join(', ')} are typing…` : ''}
      </div>
      {previewing ? (
        <div className="join-bar">
          You are viewing {title}. <button className="primary" onClick={() => void chat.join(channel)}>Join channel</button>
        </div>
      ) : conv.isArchived ? (
        <div className="join-bar">This channel is archived.</div>
      ) : (
        <Composer channel={channel} placeholder={`Message ${title}`}
          onEditLast={() => {
            const mine = [...h.messages].reverse().find((m) => m.user === chat.self?.id && !m.subtype);
            if (mine) setEditing(mine.ts);
          }} />
      )}
    </main>
  );
}
