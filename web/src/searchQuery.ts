/**
 * The pure parts of search in the client: which modifier the caret is completing, what picking a
 * suggestion does to the query, the words the server highlighted, and where a result lives.
 */

/** `search.messages` marks highlighted words with these (Slack's private-use markers). */
export const HL_START = '\uE000';
export const HL_END = '\uE001';

export type ModifierKey = 'in' | 'from';

export interface ModifierAt {
  key: ModifierKey;
  /** What follows `in:`/`from:` up to the caret, without its `#`/`@`. */
  partial: string;
  /** `#` or `@` when typed (in:#…, in:@…, from:@…). */
  sigil: '' | '#' | '@';
  /** The token's span in the query (it is replaced when a suggestion is picked). */
  start: number;
  end: number;
  negated: boolean;
}

/** The `in:`/`from:` token the caret is in, if any (`-in:` too). */
export function modifierAt(text: string, caret: number): ModifierAt | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end])) end++;
  const m = /^(-?)(in|from):([#@]?)(.*)$/i.exec(text.slice(start, caret));
  if (!m) return null;
  return { key: m[2].toLowerCase() as ModifierKey, sigil: m[3] as ModifierAt['sigil'], partial: m[4], start, end, negated: m[1] === '-' };
}

/** The query with the token replaced by the picked value (`in:#dev `), and the caret after it. */
export function applyModifier(text: string, at: ModifierAt, value: string): { text: string; caret: number } {
  const token = `${at.negated ? '-' : ''}${at.key}:${value} `;
  const rest = text.slice(at.end).replace(/^\s+/, '');
  return { text: text.slice(0, at.start) + token + rest, caret: at.start + token.length };
}

/** The words search.messages highlighted in a match's text, lower-cased and deduplicated. */
export function highlightedTerms(text: string): string[] {
  const out = new Set<string>();
  const re = new RegExp(`${HL_START}([^${HL_END}]*)${HL_END}`, 'g');
  for (const m of text.matchAll(re)) if (m[1].trim()) out.add(m[1].toLowerCase());
  return [...out];
}

/** The text without the highlight markers (what mrkdwn renders). */
export function stripHighlights(text: string): string {
  return text.split(HL_START).join('').split(HL_END).join('');
}

/** Splits plain text into runs, marking the runs that are one of the terms (case ignored). */
export function markRuns(text: string, terms: string[]): Array<{ text: string; hit: boolean }> {
  if (!terms.length || !text) return [{ text, hit: false }];
  const escaped = [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(escaped.join('|'), 'giu');
  const out: Array<{ text: string; hit: boolean }> = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (m[0].length === 0) continue;
    if (at > last) out.push({ text: text.slice(last, at), hit: false });
    out.push({ text: m[0], hit: true });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}

/** The thread a result belongs to (its permalink names it for replies: `?thread_ts=…`). */
export function threadOf(permalink: string | undefined): string | undefined {
  if (!permalink) return undefined;
  const q = permalink.indexOf('?');
  if (q < 0) return undefined;
  return new URLSearchParams(permalink.slice(q + 1)).get('thread_ts') ?? undefined;
}
