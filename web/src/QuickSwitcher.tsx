import { useEffect, useState, type KeyboardEvent } from 'react';
import { directory } from './directory';
import { useChat } from './useChat';

interface Row {
  key: string;
  label: string;
  go: () => Promise<string | null>;
}

/** Ctrl/Cmd+K: jump to a conversation or a person by typing part of the name. */
export function QuickSwitcher({ onClose, open }: { onClose: () => void; open: (id: string) => void }) {
  const chat = useChat();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    let live = true;
    const local: Row[] = [...chat.convs.values()]
      .filter((c) => !chat.previewing.has(c.id) && chat.convLabel(c).toLowerCase().includes(q.toLowerCase()))
      .slice(0, 8)
      .map((c) => ({ key: c.id, label: c.kind === 'public' || c.kind === 'private' ? `#${c.name}` : chat.convLabel(c), go: async () => c.id }));
    setRows(local);
    setActive(0);
    if (q) {
      directory.switcher(q, 10).then((results) => {
        if (!live) return;
        const seen = new Set(local.map((r) => r.key));
        const extra: Row[] = [];
        for (const r of results) {
          if (r.type === 'channel' && !seen.has(r.channel.id)) {
            extra.push({ key: r.channel.id, label: `#${r.channel.name}`, go: async () => r.channel.id });
          } else if (r.type === 'user') {
            const dm = [...chat.convs.values()].find((c) => c.kind === 'im' && c.user === r.user.id);
            if (dm && seen.has(dm.id)) continue;
            extra.push({ key: r.user.id, label: `${r.user.profile?.display_name || r.user.name}`, go: () => chat.openDirect([r.user.id]) });
          }
        }
        setRows([...local, ...extra].slice(0, 12));
      }).catch(() => undefined);
    }
    return () => { live = false; };
  }, [q]);

  async function pick(r: Row | undefined) {
    if (!r) return;
    const id = await r.go();
    onClose();
    if (id) open(id);
  }

  function onKey(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((active + 1) % Math.max(rows.length, 1)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((active + rows.length - 1) % Math.max(rows.length, 1)); }
    if (e.key === 'Enter') { e.preventDefault(); void pick(rows[active]); }
  }

  return (
    <div className="overlay" onMouseDown={onClose}>
      <div className="switcher" role="dialog" aria-label="Jump to" onMouseDown={(e) => e.stopPropagation()}>
        <input autoFocus placeholder="Jump to…" value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={onKey}
          aria-label="Jump to" data-testid="switcher-input" />
        <ul role="listbox">
          {rows.map((r, i) => (
            <li key={r.key} role="option" aria-selected={i === active} onMouseDown={() => void pick(r)}>{r.label}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
