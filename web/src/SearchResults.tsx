import { Children, cloneElement, isValidElement, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { ApiError, call, type Json } from './api';
import { renderMrkdwn } from './mrkdwn';
import { highlightedTerms, markRuns, stripHighlights, threadOf } from './searchQuery';
import { tsDate } from './ts';
import { useChat } from './useChat';
import './Search.css';

const PER_PAGE = 20;
/** styles.css lays out one column (panels over the conversation) below this width. */
const NARROW = '(max-width: 760px)';

/** Wraps every occurrence of the terms inside rendered mrkdwn (text nodes only) in <mark>. */
export function markTerms(node: ReactNode, terms: string[], key = 'm'): ReactNode {
  if (!terms.length) return node;
  if (typeof node === 'string') {
    const runs = markRuns(node, terms);
    if (runs.length === 1 && !runs[0].hit) return node;
    return runs.map((r, i) => (r.hit ? <mark key={`${key}.${i}`}>{r.text}</mark> : r.text));
  }
  if (Array.isArray(node)) return node.map((n, i) => markTerms(n, terms, `${key}.${i}`));
  if (isValidElement(node)) {
    const el = node as ReactElement<{ children?: ReactNode }>;
    if (el.props.children === undefined) return el;
    return cloneElement(el, undefined, ...Children.toArray(el.props.children).map((c, i) => markTerms(c, terms, `${key}.${i}`)));
  }
  return node;
}

interface Page {
  matches: Json[];
  total: number;
  page: number;
  pages: number;
}

/**
 * Results of search.messages (highlighted) beside the conversation, newest or most relevant
 * first, 20 a page. Clicking one opens its conversation at that message (Chat.jumpTo).
 */
export function SearchResults({ query, onClose }: { query: string; onClose: () => void }) {
  const chat = useChat();
  const [sort, setSort] = useState<'score' | 'timestamp'>('timestamp');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => { setPage(1); }, [query, sort]);
  useEffect(() => {
    let live = true;
    setResult(null);
    setError(null);
    call('search.messages', { query, count: PER_PAGE, page, sort, highlight: true })
      .then((r) => {
        if (!live) return;
        setResult({ matches: r.messages.matches, total: r.messages.total, page: r.messages.paging.page, pages: r.messages.paging.pages });
        for (const m of r.messages.matches) if (m.user) void chat.loadUser(m.user);
      })
      .catch((e) => { if (live) setError(e instanceof ApiError ? e.code : 'Search failed, try again.'); });
    return () => { live = false; };
  }, [query, sort, page]);

  const resolver = {
    userName: (id: string) => chat.userName(id),
    channelName: (id: string) => chat.convs.get(id)?.name ?? '',
    selfId: chat.self?.id,
    openChannel: (id: string) => void chat.open(id),
  };
  const where = (c: Json) => (c.is_im ? chat.userName(c.name) || 'Direct message' : c.is_mpim ? 'Group message' : `${c.is_private ? '🔒' : '#'}${c.name}`);

  return (
    <aside className="thread search-results" aria-label="Search results" data-testid="search-results">
      <header className="pane-header">
        <h2>Search <span className="where">{query}</span></h2>
        <button aria-label="Close search" onClick={onClose}>✕</button>
      </header>
      <div className="search-bar">
        <span data-testid="search-total">
          {result ? `${result.total} ${result.total === 1 ? 'result' : 'results'}` : error ? '' : 'Searching…'}
        </span>
        <span className="search-sort" role="group" aria-label="Sort">
          <button aria-pressed={sort === 'timestamp'} onClick={() => setSort('timestamp')}>Newest</button>
          <button aria-pressed={sort === 'score'} onClick={() => setSort('score')}>Most relevant</button>
        </span>
      </div>
      <div className="messages">
        {error && <div className="error" role="alert">{error}</div>}
        {result && result.total === 0 && <div className="search-empty">No messages match <b>{query}</b>.</div>}
        {result?.matches.map((m) => (
          <button key={m.iid ?? `${m.channel.id}:${m.ts}`} className="search-hit" data-testid="search-hit"
            onClick={() => {
              if (matchMedia(NARROW).matches) onClose(); // the panel covers the conversation there
              void chat.jumpTo(m.channel.id, m.ts, threadOf(m.permalink));
            }}>
            <span className="meta">
              <span className="where">{where(m.channel)}</span>
              <span className="author">{m.user ? chat.userName(m.user) || m.username : m.username || 'bot'}</span>
              <time dateTime={tsDate(m.ts).toISOString()}>{tsDate(m.ts).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}</time>
              {threadOf(m.permalink) && threadOf(m.permalink) !== m.ts && <span className="broadcast">in a thread</span>}
            </span>
            <span className="text" data-testid="search-hit-text">
              {markTerms(renderMrkdwn(stripHighlights(m.text ?? ''), resolver), highlightedTerms(m.text ?? ''))}
            </span>
          </button>
        ))}
        {result && result.pages > 1 && (
          <nav className="search-pages" aria-label="Result pages">
            <button disabled={page <= 1} onClick={() => setPage(page - 1)}>← Previous</button>
            <span>Page {result.page} of {result.pages}</span>
            <button disabled={page >= result.pages} onClick={() => setPage(page + 1)}>Next →</button>
          </nav>
        )}
      </div>
    </aside>
  );
}
