import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import { continues, Message } from './Message';
import { tsCompare, tsDate } from './ts';
import { useChat } from './useChat';
import './MessageList.css';

function day(ts: string): string {
  const d = tsDate(ts);
  const today = new Date();
  const yesterday = new Date(Date.now() - 86_400_000);
  if (d.toDateString() === today.toDateString()) return 'Today';
  if (d.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return d.toLocaleDateString([], { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
}

/** How far from an end of the list (px) scrolling loads the next page. */
const EDGE = 400;

interface Anchor {
  ts: string;
  /** Its top edge relative to the list's top edge. */
  top: number;
}

/** The first message whose bottom is below the list's top edge: what the reader is looking at. */
function firstVisible(list: HTMLElement): Anchor | undefined {
  const top = list.getBoundingClientRect().top;
  const rows = list.querySelectorAll<HTMLElement>('.message[data-ts]');
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) { // rows are in document order: binary search on their bottom edges
    const mid = (lo + hi) >> 1;
    if (rows[mid].getBoundingClientRect().bottom <= top) lo = mid + 1;
    else hi = mid;
  }
  const row = rows[lo];
  return row ? { ts: row.dataset.ts!, top: row.getBoundingClientRect().top - top } : undefined;
}

function rowOf(list: HTMLElement, ts: string): HTMLElement | null {
  return list.querySelector<HTMLElement>(`.message[data-ts="${CSS.escape(ts)}"]`);
}

/**
 * The history of a conversation as a window of at most WINDOW messages (chat.ts, window.ts):
 * only those are mounted, whatever was scrolled through. Near the top an older page loads and the
 * far end is dropped (and the reverse near the bottom); across every change the message the reader
 * was looking at stays where it was on screen, and at the live end the list sticks to the bottom.
 */
export function MessageList({ channel, editing, setEditing }: {
  channel: string;
  editing: string | null;
  setEditing: (ts: string | null) => void;
}) {
  const chat = useChat();
  const h = chat.hist(channel);
  const list = useRef<HTMLDivElement>(null);
  const pos = useRef<{ atBottom: boolean; anchor?: Anchor; focused?: number; history: typeof h }>({ atBottom: true, history: h });

  const latest = useRef(h); // for the ResizeObserver's callback
  latest.current = h;

  const remember = (el: HTMLElement) => {
    pos.current.atBottom = !latest.current.hasNewer && el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    pos.current.anchor = firstVisible(el);
  };

  /** At the bottom if it was there, else the remembered message back where it was on screen. */
  const place = (el: HTMLElement) => {
    const p = pos.current;
    if (p.atBottom && !latest.current.hasNewer) el.scrollTop = el.scrollHeight;
    else if (p.anchor) {
      const row = rowOf(el, p.anchor.ts);
      if (row) el.scrollTop += row.getBoundingClientRect().top - el.getBoundingClientRect().top - p.anchor.top;
    }
  };

  const loadMore = (el: HTMLElement) => {
    const w = latest.current;
    if (el.scrollTop < EDGE && w.hasMore && !w.loading) void chat.loadOlder(channel);
    if (el.scrollHeight - el.scrollTop - el.clientHeight < EDGE && w.hasNewer && !w.loadingNewer) void chat.loadNewer(channel);
  };

  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const p = pos.current;
    if (p.history !== h) { // the window was replaced (jump to recent, resync): start at the bottom
      p.history = h;
      p.atBottom = true;
    }
    if (h.focus && p.focused !== h.focusAt) {
      const row = rowOf(el, h.focus);
      if (row) {
        p.focused = h.focusAt;
        el.scrollTop += row.getBoundingClientRect().top - el.getBoundingClientRect().top - (el.clientHeight - row.offsetHeight) / 2;
        remember(el);
        return;
      }
    }
    place(el);
    remember(el);
    loadMore(el); // a window shorter than the screen fills itself
  });

  // rows that change height without a render (an image loading, a font) keep the view in place too
  useEffect(() => {
    const el = list.current;
    const rows = el?.firstElementChild;
    if (!el || !rows || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => { place(el); remember(el); });
    ro.observe(rows);
    return () => ro.disconnect();
  }, []);

  const onScroll = () => {
    const el = list.current!;
    remember(el);
    loadMore(el);
    if (pos.current.atBottom) chat.markRead(channel);
  };

  const conv = chat.convs.get(channel);
  const title = !conv ? '' : conv.kind === 'public' ? `#${conv.name}` : conv.kind === 'private' ? `🔒 ${conv.name}` : chat.convLabel(conv);
  let unreadShown = false;

  return (
    <>
      <div className="messages" ref={list} onScroll={onScroll} data-testid="messages" role="log" aria-live="polite">
        <div className="rows">
          {h.loading && <div className="loading-more">Loading…</div>}
          {!h.hasMore && h.loaded && (
            <div className="beginning" data-testid="beginning">This is the very beginning of <b>{title}</b>.</div>
          )}
          {h.messages.map((m, i) => {
            const prev = h.messages[i - 1];
            const newDay = !prev || tsDate(prev.ts).toDateString() !== tsDate(m.ts).toDateString();
            const unreadLine = !unreadShown && h.unreadFrom !== undefined && tsCompare(m.ts, h.unreadFrom) > 0 && m.user !== chat.self?.id;
            if (unreadLine) unreadShown = true;
            const row = (
              <Message channel={channel} m={m} grouped={!newDay && !unreadLine && continues(prev, m)}
                editing={editing === m.ts} setEditing={setEditing} usersVersion={chat.usersVersion} />
            );
            return (
              <Fragment key={m.ts}>
                {newDay && <div className="day" role="separator"><span>{day(m.ts)}</span></div>}
                {unreadLine && <div className="unread-line" role="separator" data-testid="unread-line"><span>New messages</span></div>}
                {m.ts === h.focus ? <div className="jump-target" data-testid="jump-target">{row}</div> : row}
              </Fragment>
            );
          })}
          {h.loadingNewer && <div className="loading-more">Loading…</div>}
        </div>
      </div>
      {h.hasNewer && (
        <button className="jump-recent" data-testid="jump-recent" onClick={() => void chat.loadLatest(channel)}>
          You are viewing older messages · Jump to recent ↓
        </button>
      )}
    </>
  );
}
