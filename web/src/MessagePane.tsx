import { Fragment, useLayoutEffect, useRef, useState } from 'react';
import { Composer } from './Composer';
import { continues, Message } from './Message';
import { tsCompare, tsDate } from './ts';
import { useChat } from './useChat';

function day(ts: string): string {
  const d = tsDate(ts);
  const today = new Date();
  const yesterday = new Date(Date.now() - 86_400_000);
  if (d.toDateString() === today.toDateString()) return 'Today';
  if (d.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return d.toLocaleDateString([], { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
}

/** A conversation: header, history (scrolling back loads older pages), typing line, composer. */
export function MessagePane({ channel }: { channel: string }) {
  const chat = useChat();
  const conv = chat.convs.get(channel);
  const h = chat.hist(channel);
  const list = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const last = useRef({ first: '', count: 0, height: 0, atBottom: true });

  // keep the view anchored: at the bottom for new messages, in place when older ones are prepended
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const first = h.messages[0]?.ts ?? '';
    const prev = last.current;
    if (prev.first && first !== prev.first && prev.count > 0) el.scrollTop += el.scrollHeight - prev.height;
    else if (prev.atBottom) el.scrollTop = el.scrollHeight;
    last.current = { first, count: h.messages.length, height: el.scrollHeight, atBottom: prev.atBottom };
  });

  const onScroll = () => {
    const el = list.current!;
    last.current.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    last.current.height = el.scrollHeight;
    if (el.scrollTop < 200 && h.hasMore && !h.loading) void chat.loadOlder(channel);
    if (last.current.atBottom) chat.markRead(channel);
  };

  if (!conv) return <main className="pane" />;
  const title = conv.kind === 'public' ? `#${conv.name}` : conv.kind === 'private' ? `🔒 ${conv.name}` : chat.convLabel(conv);
  const typers = chat.typers(channel).map((u) => chat.userName(u) || 'Someone');
  const previewing = chat.previewing.has(channel);
  const canArchive = (conv.kind === 'public' || conv.kind === 'private') && !conv.isGeneral && !conv.isArchived && chat.self?.isAdmin;
  const canLeave = (conv.kind === 'public' || conv.kind === 'private') && !conv.isGeneral && !previewing;
  let unreadShown = false;

  return (
    <main className="pane" aria-label={title}>
      <header className="pane-header">
        <h1 data-testid="channel-title">{title}</h1>
        <div className="pane-actions">
          {canLeave && <button onClick={() => void chat.leave(channel)}>Leave</button>}
          {canArchive && <button onClick={() => { if (confirm(`Archive ${title}?`)) void chat.archive(channel); }}>Archive</button>}
        </div>
      </header>
      <div className="messages" ref={list} onScroll={onScroll} data-testid="messages" role="log" aria-live="polite">
        {h.loading && <div className="loading-more">Loading…</div>}
        {!h.hasMore && h.loaded && (
          <div className="beginning">This is the very beginning of <b>{title}</b>.</div>
        )}
        {h.messages.map((m, i) => {
          const prev = h.messages[i - 1];
          const newDay = !prev || tsDate(prev.ts).toDateString() !== tsDate(m.ts).toDateString();
          const unreadLine = !unreadShown && h.unreadFrom !== undefined && tsCompare(m.ts, h.unreadFrom) > 0 && m.user !== chat.self?.id;
          if (unreadLine) unreadShown = true;
          return (
            <Fragment key={m.ts}>
              {newDay && <div className="day" role="separator"><span>{day(m.ts)}</span></div>}
              {unreadLine && <div className="unread-line" role="separator" data-testid="unread-line"><span>New messages</span></div>}
              <Message channel={channel} m={m} grouped={!newDay && !unreadLine && continues(prev, m)}
                editing={editing === m.ts} setEditing={setEditing} usersVersion={chat.usersVersion} />
            </Fragment>
          );
        })}
      </div>
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
