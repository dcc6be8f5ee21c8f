import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { Json } from './api';
import { useCaretAfterRender } from './caret';
import { decodeMessage, encodeMessage, wordAtCaret, type Tokens } from './compose';
import { directory } from './directory';
import { AttachButton, AttachmentTray, DropZone, onPasteFiles, useAttachments } from './Files';
import { useChat } from './useChat';

interface Suggestion {
  key: string;
  label: string;
  detail: string;
  insert: string; // "@ann"
  token: string; // "<@U…>"
}

/** The textarea with @/# typeahead shared by the composer and the message editor. */
function useTypeahead(text: string, caret: number) {
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const word = wordAtCaret(text, caret);
  const query = word ? word.sigil + word.query : null;
  useEffect(() => {
    if (!word) {
      setItems([]);
      return;
    }
    let live = true;
    const load = word.sigil === '@'
      ? directory.users(word.query, 8).then((us: Json[]) => us.map((u) => ({
        key: u.id, label: u.profile?.display_name || u.name, detail: u.real_name ?? '',
        insert: `@${u.profile?.display_name || u.name}`, token: `<@${u.id}>`,
      })))
      : directory.channels(word.query, 8).then((cs: Json[]) => cs.map((c) => ({
        key: c.id, label: `#${c.name}`, detail: c.purpose?.value ?? '', insert: `#${c.name}`, token: `<#${c.id}|${c.name}>`,
      })));
    load.then((s) => { if (live) { setItems(s); setActive(0); } }).catch(() => undefined);
    return () => { live = false; };
  }, [query]);
  return { word, items: word ? items : [], active, setActive, clear: () => setItems([]) };
}

interface EditorProps {
  initial?: string;
  placeholder?: string;
  onSubmit: (encoded: string) => Promise<void>;
  onEmptyUp?: () => void;
  onCancel?: () => void;
  onType?: () => void;
  label: string;
  autoFocus?: boolean;
  /** Send even with no text (files are attached). */
  allowEmpty?: boolean;
  onPaste?: (e: ClipboardEvent<HTMLTextAreaElement>) => void;
}

function TextEditor({ initial, placeholder, onSubmit, onEmptyUp, onCancel, onType, label, autoFocus, allowEmpty, onPaste }: EditorProps) {
  const chat = useChat();
  const start = initial !== undefined
    ? decodeMessage(initial, (id) => chat.userName(id), (id) => chat.convs.get(id)?.name ?? '')
    : { typed: '', tokens: new Map() as Tokens };
  const [text, setText] = useState(start.typed);
  const [caret, setCaret] = useState(start.typed.length);
  const tokens = useRef<Tokens>(start.tokens);
  const area = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState('');
  const ta = useTypeahead(text, caret);
  const placeCaret = useCaretAfterRender(area, text);

  function choose(s: Suggestion) {
    if (!ta.word) return;
    const next = text.slice(0, ta.word.start) + s.insert + ' ' + text.slice(caret);
    tokens.current.set(s.insert, s.token);
    setText(next);
    const pos = ta.word.start + s.insert.length + 1;
    setCaret(pos);
    placeCaret(pos);
    ta.clear();
  }

  async function submit() {
    if (!text.trim() && !allowEmpty) return;
    const encoded = encodeMessage(text, tokens.current);
    const before = text;
    setText('');
    setError('');
    try {
      await onSubmit(encoded);
      tokens.current = new Map();
    } catch (e) {
      setText(before);
      setError(`Not sent: ${(e as Error).message}`);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (ta.items.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        ta.setActive((ta.active + (e.key === 'ArrowDown' ? 1 : ta.items.length - 1)) % ta.items.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(ta.items[ta.active]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        ta.clear();
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'ArrowUp' && text === '' && onEmptyUp) {
      e.preventDefault();
      onEmptyUp();
    } else if (e.key === 'Escape' && onCancel) {
      onCancel();
    }
  }

  return (
    <div className="editor">
      {ta.items.length > 0 && (
        <ul className="typeahead" role="listbox" aria-label="Suggestions" data-testid="typeahead">
          {ta.items.map((s, i) => (
            <li key={s.key} role="option" aria-selected={i === ta.active}
              onMouseDown={(e) => { e.preventDefault(); choose(s); }}>
              <b>{s.label}</b> <span className="detail">{s.detail}</span>
            </li>
          ))}
        </ul>
      )}
      <textarea ref={area} value={text} rows={Math.min(8, text.split('\n').length)} placeholder={placeholder}
        aria-label={label} autoFocus={autoFocus} data-testid={label === 'Edit message' ? 'edit-input' : undefined}
        onChange={(e) => { setText(e.target.value); setCaret(e.target.selectionStart); if (e.target.value) onType?.(); }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown} onPaste={onPaste} />
      {error && <div className="error" role="alert">{error}</div>}
    </div>
  );
}

/** The message box of a channel or a thread: Enter sends, Shift+Enter is a new line, ↑ edits. */
export function Composer({ channel, threadTs, placeholder, onEditLast }: { channel: string; threadTs?: string; placeholder: string; onEditLast?: () => void }) {
  const chat = useChat();
  const [broadcast, setBroadcast] = useState(false);
  const lastTyping = useRef(0);
  const files = useAttachments(channel, threadTs);
  return (
    <DropZone a={files}><div className="composer">
      <AttachmentTray a={files} />
      <div className="composer-row">
      <TextEditor key={channel + (threadTs ?? '')} placeholder={placeholder} label={threadTs ? 'Reply' : 'Message'} autoFocus={!threadTs}
        allowEmpty={files.busy} onPaste={onPasteFiles(files)}
        onEmptyUp={onEditLast}
        onType={() => {
          if (Date.now() - lastTyping.current > 3000) {
            lastTyping.current = Date.now();
            chat.rtm.typing(channel);
          }
        }}
        onSubmit={async (text) => {
          lastTyping.current = 0;
          if (files.busy) await files.send(text);
          else await chat.post(channel, text, threadTs, broadcast);
        }} />
      <AttachButton a={files} />
      </div>
      {threadTs && (
        <label className="broadcast-toggle">
          <input type="checkbox" checked={broadcast} onChange={(e) => setBroadcast(e.target.checked)} /> Also send to channel
        </label>
      )}
    </div></DropZone>
  );
}

/** Editing a message in place: Enter saves, Escape cancels. */
export function Editor({ initial, onSave, onCancel }: { initial: string; onSave: (text: string) => Promise<void>; onCancel: () => void }) {
  return (
    <div className="inline-editor">
      <TextEditor initial={initial} label="Edit message" autoFocus onSubmit={onSave} onCancel={onCancel} />
      <div className="hint">Enter to save · Esc to cancel</div>
    </div>
  );
}
