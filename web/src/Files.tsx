import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type ReactNode } from 'react';
import { formatBytes, fraction, isPreviewable, isTombstone, sameOriginPath, type SlackFile } from './files';
import { shareFiles, uploadFile, type Uploaded } from './upload';
import './files.css';

// ---------------------------------------------------------------- files inside a message

/**
 * The files of a message: images as their thumbnail (click opens the viewer), other files as a
 * card with a download link, deleted files as a note. Thumbnails are made after the message is
 * posted; until `file_change` brings them an image shows as a card too.
 */
export function MessageFiles({ files }: { files: SlackFile[] }) {
  const [open, setOpen] = useState<SlackFile | null>(null);
  const close = useCallback(() => setOpen(null), []);
  return (
    <div className="message-files">
      {files.map((f) => {
        if (isTombstone(f)) return <div key={f.id} className="file-gone" data-testid="file-deleted">This file was deleted.</div>;
        const thumb = sameOriginPath(f.thumb_360);
        if (isPreviewable(f) && thumb) {
          const scale = Math.min(1, 360 / Math.max(f.thumb_360_w ?? 360, f.thumb_360_h ?? 360));
          return (
            <button key={f.id} className="file-thumb" data-testid="file-preview" aria-label={`Open ${f.name ?? 'image'}`}
              onClick={() => setOpen(f)}>
              <img src={thumb} alt={f.title || f.name || ''} width={Math.round((f.thumb_360_w ?? 360) * scale)}
                height={Math.round((f.thumb_360_h ?? 360) * scale)} loading="lazy" />
            </button>
          );
        }
        return <FileCard key={f.id} f={f} />;
      })}
      {open && <FileViewer f={open} onClose={close} />}
    </div>
  );
}

function FileCard({ f }: { f: SlackFile }) {
  const download = sameOriginPath(f.url_private_download);
  return (
    <div className="file-card" data-testid="file-card">
      <span className="file-icon" aria-hidden="true">{(f.filetype || 'file').slice(0, 4).toUpperCase()}</span>
      <span className="file-about">
        <span className="file-name">{f.title || f.name}</span>
        <span className="detail">{[f.pretty_type, f.size !== undefined ? formatBytes(f.size) : ''].filter(Boolean).join(' · ')}</span>
      </span>
      {download && <a className="file-download" href={download} download={f.name} aria-label={`Download ${f.name}`}>Download</a>}
    </div>
  );
}

/** The full-size image over the page: Escape, the close button or a click beside it closes it. */
export function FileViewer({ f, onClose }: { f: SlackFile; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', key, true);
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => {
      window.removeEventListener('keydown', key, true);
      before?.focus?.();
    };
  }, [onClose]);
  const full = sameOriginPath(f.url_private);
  const download = sameOriginPath(f.url_private_download);
  return (
    <div className="overlay viewer-overlay" onMouseDown={onClose}>
      <div className="viewer" role="dialog" aria-modal="true" aria-label={f.name} data-testid="file-viewer"
        onMouseDown={(e) => e.stopPropagation()}>
        <header>
          <span className="file-name">{f.title || f.name}</span>
          <span className="detail">{f.original_w && f.original_h ? `${f.original_w}×${f.original_h} · ` : ''}{formatBytes(f.size ?? 0)}</span>
          {download && <a href={download} download={f.name}>Download</a>}
          <button ref={close} aria-label="Close viewer" onClick={onClose}>✕</button>
        </header>
        {full && <img src={full} alt={f.title || f.name || ''} data-testid="file-viewer-image" />}
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- attaching files in the composer

interface Pending {
  key: number;
  file: File;
  loaded: number;
  total: number;
  done?: Uploaded;
  error?: string;
  abort: AbortController;
  promise: Promise<Uploaded | null>;
}

let nextKey = 1;

/**
 * The files attached to a composer: each starts uploading when attached (so sending is quick),
 * with its progress; `send` waits for the rest and shares them with the typed text.
 */
export function useAttachments(channel: string, threadTs?: string) {
  const [items, setItems] = useState<Pending[]>([]);
  const live = useRef(items);
  live.current = items;
  const update = (key: number, f: (p: Pending) => Pending) => setItems((xs) => xs.map((p) => (p.key === key ? f(p) : p)));

  // another conversation (or leaving): unsent attachments are dropped, uploads in flight stopped
  useEffect(() => () => {
    live.current.forEach((p) => { if (!p.done) p.abort.abort(); });
    setItems([]);
  }, [channel, threadTs]);

  function add(files: File[]) {
    const added = files.map((file) => {
      const key = nextKey++;
      const abort = new AbortController();
      const promise = uploadFile(file, (loaded, total) => update(key, (p) => ({ ...p, loaded, total })), abort.signal)
        .then((done) => {
          update(key, (p) => ({ ...p, done }));
          return done;
        })
        .catch((e: Error) => {
          update(key, (p) => ({ ...p, error: e.message }));
          return null;
        });
      return { key, file, loaded: 0, total: file.size, abort, promise };
    });
    setItems((xs) => [...xs, ...added]);
  }

  function remove(key: number) {
    live.current.find((p) => p.key === key)?.abort.abort();
    setItems((xs) => xs.filter((p) => p.key !== key));
  }

  /** Shares every attached file that uploads; throws (keeping the tray) when none can be sent. */
  async function send(comment: string): Promise<void> {
    const now = live.current;
    const done = (await Promise.all(now.map((p) => p.promise))).filter((u): u is Uploaded => u !== null);
    if (done.length === 0) throw new Error('upload_failed');
    await shareFiles(done, channel, comment, threadTs);
    const sent = new Set(now.map((p) => p.key));
    setItems((xs) => xs.filter((p) => !sent.has(p.key)));
  }

  return { items, add, remove, send, busy: items.length > 0 };
}

export type Attachments = ReturnType<typeof useAttachments>;

/** The attached files above the message box: name, size, a progress bar, a remove button. */
export function AttachmentTray({ a }: { a: Attachments }) {
  if (a.items.length === 0) return null;
  return (
    <ul className="attachments" aria-label="Attached files" data-testid="attachments">
      {a.items.map((p) => (
        <li key={p.key} className={p.error ? 'failed' : p.done ? 'uploaded' : 'uploading'} data-testid="attachment">
          <span className="file-name">{p.file.name || 'pasted image'}</span>
          <span className="detail">{p.error ? `Failed: ${p.error}` : p.done ? formatBytes(p.file.size) : `${formatBytes(p.loaded)} of ${formatBytes(p.total)}`}</span>
          <progress max={1} value={p.error ? 0 : fraction(p.loaded, p.total)} aria-label={`Uploading ${p.file.name}`} />
          <button aria-label={`Remove ${p.file.name}`} onClick={() => a.remove(p.key)}>✕</button>
        </li>
      ))}
    </ul>
  );
}

/** The paperclip: a hidden file input behind a labelled button. */
export function AttachButton({ a }: { a: Attachments }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="attach" aria-label="Attach files" title="Attach files" onClick={() => input.current?.click()}>+</button>
      <input ref={input} type="file" multiple hidden data-testid="file-input"
        onChange={(e) => {
          a.add([...(e.target.files ?? [])]);
          e.target.value = '';
        }} />
    </>
  );
}

/** Files dropped on the composer are attached; the area is marked while something is dragged over it. */
export function DropZone({ a, children }: { a: Attachments; children: ReactNode }) {
  const [over, setOver] = useState(0);
  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  return (
    <div className={'dropzone' + (over > 0 ? ' dragging' : '')} data-testid="dropzone"
      onDragEnter={(e) => { if (hasFiles(e)) { e.preventDefault(); setOver((n) => n + 1); } }}
      onDragLeave={(e) => { if (hasFiles(e)) setOver((n) => Math.max(0, n - 1)); }}
      onDragOver={(e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(0);
        a.add([...e.dataTransfer.files]);
      }}>
      {children}
      {over > 0 && <div className="drop-hint" aria-hidden="true">Drop files to attach</div>}
    </div>
  );
}

/** A paste that carries files (a screenshot, files copied in a file manager) attaches them instead of pasting text. */
export function onPasteFiles(a: Attachments) {
  return (e: ClipboardEvent) => {
    const files = [...e.clipboardData.items].filter((i) => i.kind === 'file').map((i) => i.getAsFile()).filter((f): f is File => !!f);
    if (files.length === 0) return;
    e.preventDefault();
    a.add(files);
  };
}
