import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, all, call, type Json } from './api';
import { directory } from './directory';
import { useChat } from './useChat';

export type DialogKind = 'create' | 'browse' | 'direct' | 'invite';

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.code.replace(/_/g, ' ') : String(e);
}

/** Create a channel, browse and join channels, start a DM or group DM, invite people. */
export function Dialogs({ kind, onClose, open }: { kind: DialogKind; onClose: () => void; open: (id: string) => void }) {
  return (
    <div className="overlay" onMouseDown={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" onMouseDown={(e) => e.stopPropagation()}>
        {kind === 'create' && <CreateChannel onClose={onClose} open={open} />}
        {kind === 'browse' && <Browse onClose={onClose} open={open} />}
        {kind === 'direct' && <Direct onClose={onClose} open={open} />}
        {kind === 'invite' && <Invite onClose={onClose} />}
      </div>
    </div>
  );
}

type Props = { onClose: () => void; open: (id: string) => void };

function CreateChannel({ onClose, open }: Props) {
  const chat = useChat();
  const [name, setName] = useState('');
  const [priv, setPriv] = useState(false);
  const [error, setError] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const id = await chat.create(name.trim().toLowerCase().replace(/\s+/g, '-'), priv);
      onClose();
      open(id);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form onSubmit={submit} aria-label="Create a channel">
      <h2>Create a channel</h2>
      <label>Name <input autoFocus value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} /></label>
      <label className="check"><input type="checkbox" checked={priv} onChange={(e) => setPriv(e.target.checked)} /> Make private</label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="buttons"><button type="button" onClick={onClose}>Cancel</button><button className="primary" type="submit">Create</button></div>
    </form>
  );
}

function Browse({ onClose, open }: Props) {
  const chat = useChat();
  const [list, setList] = useState<Json[] | null>(null);
  const [q, setQ] = useState('');
  useEffect(() => {
    void all('conversations.list', 'channels', { types: 'public_channel', exclude_archived: true }).then(setList);
  }, []);
  const shown = (list ?? []).filter((c) => c.name.includes(q.toLowerCase()));
  return (
    <div aria-label="Browse channels">
      <h2>Browse channels</h2>
      <input autoFocus placeholder="Search channels" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search channels" />
      <ul className="browse">
        {list === null && <li>Loading…</li>}
        {shown.map((c) => (
          <li key={c.id}>
            <span>#{c.name}</span> <span className="detail">{c.purpose?.value}</span>
            {chat.convs.has(c.id) && !chat.previewing.has(c.id)
              ? <button onClick={() => { onClose(); open(c.id); }}>Open</button>
              : <button className="primary" onClick={async () => { await chat.join(c.id); onClose(); open(c.id); }}>Join</button>}
          </li>
        ))}
      </ul>
      <div className="buttons"><button onClick={onClose}>Close</button></div>
    </div>
  );
}

function Direct({ onClose, open }: Props) {
  const chat = useChat();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Json[]>([]);
  const [picked, setPicked] = useState<Json[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    directory.users(q, 10).then((us) => { if (live) setFound(us.filter((u) => u.id !== chat.self?.id && !u.is_bot)); }).catch(() => undefined);
    return () => { live = false; };
  }, [q]);
  async function go() {
    try {
      const id = await chat.openDirect(picked.map((u) => u.id));
      onClose();
      open(id);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <div aria-label="New message">
      <h2>New message</h2>
      <div className="picked">{picked.map((u) => (
        <button key={u.id} className="chip" onClick={() => setPicked(picked.filter((p) => p.id !== u.id))}>{u.name} ✕</button>
      ))}</div>
      <input autoFocus placeholder="Find people" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Find people" />
      <ul className="browse">
        {found.filter((u) => !picked.some((p) => p.id === u.id)).map((u) => (
          <li key={u.id}><span>{u.name}</span> <span className="detail">{u.real_name}</span>
            <button onClick={() => { if (picked.length < 8) setPicked([...picked, u]); }}>Add</button></li>
        ))}
      </ul>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="buttons"><button onClick={onClose}>Cancel</button>
        <button className="primary" disabled={picked.length === 0} onClick={() => void go()}>Start conversation</button></div>
    </div>
  );
}

function Invite({ onClose }: { onClose: () => void }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  async function make() {
    try {
      const r = await call('invites.create', { max_uses: 10 });
      setUrl(`${location.origin}/join/${r.invite.code}`);
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'not_authorized' ? 'Only admins can invite people.' : errorText(e));
    }
  }
  return (
    <div aria-label="Invite people">
      <h2>Invite people</h2>
      <p>Anyone with the link can create an account in this workspace (up to 10 people, for 7 days).</p>
      {url ? <input readOnly value={url} aria-label="Invite link" data-testid="invite-link" onFocus={(e) => e.target.select()} />
        : <button className="primary" onClick={() => void make()}>Create invite link</button>}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="buttons"><button onClick={onClose}>Close</button></div>
    </div>
  );
}
