/**
 * Files in the web client, the pure part: Slack file objects, the URLs the page may load them
 * from, names for pasted images, sizes for people, and how a file change reaches the messages
 * that carry the file. No DOM, no network: unit-tested in files.test.ts.
 */

/** The fields of Slack's file object the client uses (a deleted file is `{id, mode: 'tombstone'}`). */
export interface SlackFile {
  id: string;
  mode?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  pretty_type?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  thumb_360?: string;
  thumb_360_w?: number;
  thumb_360_h?: number;
  thumb_720?: string;
  original_w?: number;
  original_h?: number;
}

/** Anything with a `files` array (a message). */
export interface WithFiles {
  files?: SlackFile[];
}

const FILE_PATHS = ['/files-pri/', '/files-tmb/', '/files-upload/'];

/**
 * The path and query of a Confab file URL, so the page loads it from its own origin: the
 * server's public URL may be spelled differently from the address the browser uses
 * (127.0.0.1 and localhost, a proxy), and the page's CSP allows only 'self'. Anything that is
 * not a Confab file URL (a pre-signed S3 URL, another site, `javascript:`) gives null.
 */
export function sameOriginPath(url: string | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url, 'http://confab.invalid');
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!FILE_PATHS.some((p) => u.pathname.startsWith(p)) || u.pathname.includes('/../')) return null;
  return u.pathname + u.search;
}

export function isTombstone(f: SlackFile): boolean {
  return f.mode === 'tombstone';
}

/** The browser shows these itself, so a preview and the viewer make sense for them. */
export function isPreviewable(f: SlackFile): boolean {
  return /^image\/(png|jpeg|gif|webp|bmp)$/.test(f.mimetype ?? '');
}

/** "0 B", "999 B", "1.5 KB", "12 MB", "1.0 GB" (decimal units, as Slack shows them). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1000) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1000;
    i++;
  } while (v >= 1000 && i < units.length - 1);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/**
 * A name for a file that has none worth keeping: a pasted screenshot arrives as "image.png"
 * (or with no name at all), so it gets a dated one with the extension its type implies.
 */
export function uploadName(name: string, type: string, now: Date = new Date()): string {
  const generic = !name || /^image\.(png|jpe?g|gif|webp|bmp)$/i.test(name);
  if (!generic) return name;
  const ext = ({ 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp' } as Record<string, string>)[type]
    ?? (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : 'bin');
  const p = (x: number) => String(x).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} at ${p(now.getHours())}.${p(now.getMinutes())}.${p(now.getSeconds())}`;
  return `Pasted image ${stamp}.${ext}`;
}

/** The share of an upload done, 0..1, from XMLHttpRequest progress (unknown total: 0). */
export function fraction(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(1, Math.max(0, loaded / total));
}

/**
 * Puts a new version of a file into every message that carries it. Returns the same array when
 * nothing changed (so memoized rows do not re-render) and new message objects where it did.
 */
export function replaceFile<M extends WithFiles>(messages: M[], file: SlackFile): M[] {
  let changed = false;
  const out = messages.map((m) => {
    if (!m.files?.some((f) => f.id === file.id)) return m;
    changed = true;
    return { ...m, files: m.files.map((f) => (f.id === file.id ? file : f)) };
  });
  return changed ? out : messages;
}

/** Whether any of the messages carries the file. */
export function carries(messages: WithFiles[], fileId: string): boolean {
  return messages.some((m) => m.files?.some((f) => f.id === fileId));
}
