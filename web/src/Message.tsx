import { memo, useContext, useState } from 'react';
import type { Msg } from './chat';
import { emoji, PICKER, QUICK } from './emoji';
import { renderMrkdwn, type Resolver } from './mrkdwn';
import { tsDate } from './ts';
import { ChatContext } from './useChat';
import { Editor } from './Composer';
import { MessageFiles } from './Files';

interface Props {
  channel: string;
  m: Msg;
  grouped: boolean;
  inThread?: boolean;
  editing: boolean;
  setEditing: (ts: string | null) => void;
  /** Only to re-render when names change (see Chat.usersVersion). */
  usersVersion: number;
}

export function time(ts: string): string {
  return tsDate(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * One message: author and time (unless grouped), rendered text, edited marker, reactions, thread
 * link, actions. Memoized and not subscribed to the whole state: with thousands of messages on
 * screen, a change re-renders only the rows whose message object (or the known names) changed.
 */
export const Message = memo(function Message({ channel, m, grouped, inThread, editing, setEditing }: Props) {
  const chat = useContext(ChatContext)!;
  const [picker, setPicker] = useState(false);
  const resolver: Resolver = {
    userName: (id) => chat.userName(id),
    channelName: (id) => chat.convs.get(id)?.name ?? '',
    selfId: chat.self?.id,
    openChannel: (id) => void chat.open(id),
  };
  const author = m.user ? chat.userName(m.user) || '…' : m.bot_id ? 'bot' : 'Confab';
  const own = !!m.user && m.user === chat.self?.id;
  const system = m.subtype && m.subtype !== 'thread_broadcast' && m.subtype !== 'me_message';
  const react = (name: string) => {
    setPicker(false);
    void chat.toggleReaction(channel, m, name);
  };

  return (
    <div className={'message' + (grouped ? ' grouped' : '') + (system ? ' system' : '') + (chat.mentionsMe(m) ? ' mentioned' : '')}
      data-ts={m.ts} data-testid="message" tabIndex={0}>
      {!grouped && (
        <div className="meta">
          <span className="author">{author}</span>
          <time dateTime={tsDate(m.ts).toISOString()} title={tsDate(m.ts).toLocaleString()}>{time(m.ts)}</time>
          {m.subtype === 'thread_broadcast' && !inThread && <span className="broadcast">replied to a thread</span>}
        </div>
      )}
      {editing ? (
        <Editor initial={m.text} onCancel={() => setEditing(null)}
          onSave={async (text) => { await chat.edit(channel, m.ts, text); setEditing(null); }} />
      ) : (
        <div className={'text' + (m.subtype === 'me_message' ? ' me' : '')} data-testid="message-text">
          {renderMrkdwn(m.text, resolver)}
          {m.edited && <span className="edited" title={`edited ${tsDate(m.edited.ts).toLocaleString()}`}> (edited)</span>}
        </div>
      )}
      {m.files && m.files.length > 0 && <MessageFiles files={m.files} />}
      {m.reactions && m.reactions.length > 0 && (
        <div className="reactions">
          {m.reactions.map((r) => (
            <button key={r.name} className={'reaction' + (r.users.includes(chat.self?.id ?? '') ? ' mine' : '')}
              data-testid={`reaction-${r.name}`} onClick={() => react(r.name)}
              title={`${r.users.map((u) => chat.userName(u) || u).join(', ')} reacted with :${r.name}:`}>
              {emoji(r.name)} <span className="count">{r.count}</span>
            </button>
          ))}
        </div>
      )}
      {!inThread && (m.reply_count ?? 0) > 0 && (
        <button className="replies" data-testid="replies" onClick={() => void chat.openThread(channel, m.ts)}>
          {m.reply_count} {m.reply_count === 1 ? 'reply' : 'replies'}
        </button>
      )}
      {!system && (
        <div className="actions" role="toolbar" aria-label="Message actions">
          {QUICK.map((n) => (
            <button key={n} aria-label={`React with ${n}`} onClick={() => react(n)}>{emoji(n)}</button>
          ))}
          <button aria-label="Add reaction" onClick={() => setPicker(!picker)}>☺+</button>
          {!inThread && <button aria-label="Reply in thread" onClick={() => void chat.openThread(channel, m.ts)}>💬</button>}
          {own && <button aria-label="Edit message" onClick={() => setEditing(m.ts)}>✎</button>}
          {own && (
            <button aria-label="Delete message" onClick={() => { if (confirm('Delete this message?')) void chat.remove(channel, m.ts); }}>🗑</button>
          )}
        </div>
      )}
      {picker && (
        <div className="picker" role="dialog" aria-label="Emoji picker">
          {PICKER.map((n) => (
            <button key={n} title={`:${n}:`} aria-label={n} onClick={() => react(n)}>{emoji(n)}</button>
          ))}
        </div>
      )}
    </div>
  );
});

/** Whether a message continues the previous one's block (same author within five minutes). */
export function continues(prev: Msg | undefined, m: Msg): boolean {
  if (!prev || !prev.user || prev.user !== m.user || prev.subtype || m.subtype) return false;
  if ((prev.reply_count ?? 0) > 0) return false;
  const gap = Number(m.ts.split('.')[0]) - Number(prev.ts.split('.')[0]);
  return gap < 300 && tsDate(prev.ts).toDateString() === tsDate(m.ts).toDateString();
}
