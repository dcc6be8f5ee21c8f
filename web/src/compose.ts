import { decodeEntities, encodeEntities } from './mrkdwn';

/**
 * What the user typed ↔ what is sent. Typed text is escaped the way Slack clients escape it (so
 * `<script>` arrives as text, never as a token), then the mentions picked from typeahead become
 * `<@U…>` / `<#C…|name>` tokens.
 */
export type Tokens = Map<string, string>; // "@ann" → "<@U…>", "#general" → "<#C…|general>"

export function encodeMessage(typed: string, tokens: Tokens): string {
  let out = encodeEntities(typed);
  const keys = [...tokens.keys()].sort((a, b) => b.length - a.length);
  for (const k of keys) {
    const escaped = encodeEntities(k).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(^|[\\s(])${escaped}(?![\\p{L}\\p{N}_.-])`, 'gu'), (_m, pre) => pre + tokens.get(k));
  }
  return out;
}

/** A stored message back into editable text, with its mention tokens remembered. */
export function decodeMessage(text: string, userName: (id: string) => string, channelName: (id: string) => string): { typed: string; tokens: Tokens } {
  const tokens: Tokens = new Map();
  const typed = text.replace(/<([@#])([UWCGD][A-Z0-9]+)(?:\|([^>]*))?>/g, (raw, sigil: string, id: string, label?: string) => {
    const name = (sigil === '@' ? userName(id) : channelName(id)) || label || id;
    tokens.set(`${sigil}${name}`, raw);
    return `${sigil}${name}`;
  });
  return { typed: decodeEntities(typed), tokens };
}

/** The `@ann` or `#gen` being typed at the caret, if any. */
export function wordAtCaret(text: string, caret: number): { sigil: '@' | '#'; query: string; start: number } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)([@#])([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!m) return null;
  return { sigil: m[2] as '@' | '#', query: m[3], start: caret - m[3].length - 1 };
}
