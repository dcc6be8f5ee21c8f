import { useEffect, useRef, useState } from 'react';
import { Composer } from './Composer';
import { Message } from './Message';
import { useChat } from './useChat';

/** A thread beside the channel: the parent, its replies, and a reply box with "also send to channel". */
export function ThreadPanel() {
  const chat = useChat();
  const [editing, setEditing] = useState<string | null>(null);
  const target = useRef<HTMLDivElement>(null);
  const loaded = !!chat.thread && chat.threads.has(`${chat.thread.channel}:${chat.thread.ts}`);
  useEffect(() => {
    target.current?.scrollIntoView({ block: 'center' }); // (it returns a promise in new browsers: not the effect's cleanup)
  }, [loaded]);
  if (!chat.thread) return null;
  const { channel, ts, focus } = chat.thread;
  const msgs = chat.threads.get(`${channel}:${ts}`);
  const conv = chat.convs.get(channel);
  return (
    <aside className="thread" aria-label="Thread" data-testid="thread">
      <header className="pane-header">
        <h2>Thread <span className="where">{conv ? (conv.kind === 'public' || conv.kind === 'private' ? `#${conv.name}` : chat.convLabel(conv)) : ''}</span></h2>
        <button aria-label="Close thread" onClick={() => { chat.thread = null; chat.changed(); }}>✕</button>
      </header>
      <div className="messages">
        {!msgs && <div className="loading-more">Loading…</div>}
        {msgs?.map((m, i) => (
          <div key={m.ts} {...(m.ts === focus && i > 0 ? { ref: target, className: 'jump-target', 'data-testid': 'jump-target' } : {})}>
            <Message channel={channel} m={m} grouped={false} inThread editing={editing === m.ts} setEditing={setEditing} usersVersion={chat.usersVersion} />
            {i === 0 && msgs.length > 1 && <div className="reply-count">{msgs.length - 1} {msgs.length === 2 ? 'reply' : 'replies'}</div>}
          </div>
        ))}
      </div>
      {conv && !conv.isArchived && <Composer channel={channel} threadTs={ts} placeholder="Reply…" />}
    </aside>
  );
}
