import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useCaretAfterRender } from './caret';
import { directory } from './directory';
import { applyModifier, modifierAt, type ModifierAt } from './searchQuery';
import './Search.css';

interface Suggestion {
  key: string;
  label: string;
  detail?: string;
  /** What goes after `in:`/`from:`, e.g. `#dev` or `@ann`. */
  value: string;
}

const userRow = (u: { id: string; name: string; real_name?: string; profile?: { display_name?: string } }): Suggestion => ({
  key: u.id, label: `@${u.name}`, detail: u.profile?.display_name || u.real_name, value: `@${u.name}`,
});
const channelRow = (c: { id: string; name: string }): Suggestion => ({ key: c.id, label: `#${c.name}`, value: `#${c.name}` });

/** Who or where the modifier being typed can name: people for `from:`, channels (and people's DMs) for `in:`. */
async function suggestions(at: ModifierAt): Promise<Suggestion[]> {
  if (at.key === 'from' || at.sigil === '@') return (await directory.users(at.partial, 8)).map(userRow);
  if (at.sigil === '#') return (await directory.channels(at.partial, 8)).map(channelRow);
  return (await directory.switcher(at.partial, 8)).map((r) => (r.type === 'user' ? userRow(r.user) : channelRow(r.channel)));
}

/**
 * The search box: Enter searches (search.messages); typing `in:` or `from:` offers channels and
 * people from the edge cache (conversations.query, users.query, client.switcher), picked with
 * ↑/↓ and Enter or Tab.
 */
export function SearchBox({ value, onChange, onSearch }: {
  value: string;
  onChange: (q: string) => void;
  onSearch: (q: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [at, setAt] = useState<ModifierAt | null>(null);
  const [rows, setRows] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const placeCaret = useCaretAfterRender(input, value);

  useEffect(() => {
    if (!at) { setRows([]); return; }
    let live = true;
    suggestions(at).then((r) => { if (live) { setRows(r); setActive(0); } }).catch(() => undefined);
    return () => { live = false; };
  }, [at?.key, at?.sigil, at?.partial, at?.start]);

  const track = (text: string, caret: number | null) => setAt(caret === null ? null : modifierAt(text, caret));

  const pick = (s: Suggestion | undefined) => {
    if (!s || !at) return;
    const next = applyModifier(value, at, s.value);
    placeCaret(next.caret);
    onChange(next.text);
    setAt(null);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const open = at !== null && rows.length > 0;
    if (open && e.key === 'ArrowDown') { e.preventDefault(); setActive((active + 1) % rows.length); }
    else if (open && e.key === 'ArrowUp') { e.preventDefault(); setActive((active + rows.length - 1) % rows.length); }
    else if (open && (e.key === 'Enter' || e.key === 'Tab')) { e.preventDefault(); pick(rows[active]); }
    else if (e.key === 'Escape' && open) { e.stopPropagation(); setAt(null); }
    else if (e.key === 'Enter' && value.trim()) { e.preventDefault(); setAt(null); onSearch(value.trim()); }
  };

  return (
    <div className="search-box" role="search">
      <input ref={input} type="search" value={value} placeholder="Search messages (in:#channel from:@person)"
        aria-label="Search messages" data-testid="search-input" autoComplete="off"
        aria-expanded={at !== null && rows.length > 0} aria-controls="search-suggestions"
        onChange={(e) => { onChange(e.target.value); track(e.target.value, e.target.selectionStart); }}
        onSelect={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setAt(null), 150)}
        onKeyDown={onKey} />
      {at !== null && rows.length > 0 && (
        <ul className="search-suggestions" id="search-suggestions" role="listbox" data-testid="search-suggestions"
          aria-label={at.key === 'from' ? 'People' : 'Channels and people'}>
          {rows.map((s, i) => (
            <li key={s.key} role="option" aria-selected={i === active} onMouseDown={(e) => { e.preventDefault(); pick(s); }}>
              {s.label}{s.detail && <span className="detail"> {s.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
