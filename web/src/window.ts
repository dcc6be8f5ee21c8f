import type { Msg } from './chat';
import { tsCompare } from './ts';

/**
 * The history window: a conversation keeps at most `WINDOW` consecutive messages in memory and
 * in the DOM, whatever was scrolled through. Scrolling past either end loads a page from the
 * server and trims the far end; the trimmed end is re-fetched when scrolled back to.
 *
 * `conversations.history` always answers the newest messages of the range asked for (newest
 * first), so "the page right after ts X" is not one call: `pageAfter` asks for a bounded range,
 * using the ts remembered when that end was trimmed when it has one, else narrowing the range.
 */
export const PAGE = 50;
export const WINDOW = 200;

/** One `conversations.history` call: messages strictly between oldest and latest (or now), oldest first. */
export type FetchRange = (oldest: string, latest: string | undefined, limit: number) =>
  Promise<{ messages: Msg[]; hasMore: boolean }>;

export interface Trimmed {
  kept: Msg[];
  trimmed: Msg[];
}

/** Keeps the oldest `max` messages (after an older page was prepended). */
export function trimNewer(messages: Msg[], max = WINDOW): Trimmed {
  if (messages.length <= max) return { kept: messages, trimmed: [] };
  return { kept: messages.slice(0, max), trimmed: messages.slice(max) };
}

/** Keeps the newest `max` messages (after a newer page was appended). */
export function trimOlder(messages: Msg[], max = WINDOW): Trimmed {
  if (messages.length <= max) return { kept: messages, trimmed: [] };
  return { kept: messages.slice(messages.length - max), trimmed: messages.slice(0, messages.length - max) };
}

/**
 * The ts of every `PAGE`-th trimmed message (ascending): later, (previous end, stop] is exactly
 * one page again, whatever arrived since.
 */
export function stopsOf(trimmed: Msg[], page = PAGE): string[] {
  const out: string[] = [];
  for (let i = page - 1; i < trimmed.length; i += page) out.push(trimmed[i].ts);
  return out;
}

export function tsMicros(ts: string): number {
  const [s, u = ''] = ts.split('.');
  return Number(s) * 1_000_000 + Number(u.padEnd(6, '0').slice(0, 6));
}

export function microsTs(micros: number): string {
  const s = Math.floor(micros / 1_000_000);
  return `${s}.${String(micros - s * 1_000_000).padStart(6, '0')}`;
}

export interface After {
  /** Consecutive messages right after the ts asked for, oldest first. */
  messages: Msg[];
  /** Nothing newer exists (as of the call): the window reached the live end. */
  reachedEnd: boolean;
  /** The stop given was used (the caller drops it). */
  usedStop: boolean;
}

/**
 * The messages right after `after` (at most about two pages), with no gap. With `stop` (a ts
 * remembered when this end was trimmed) that is one bounded call. Without, an open call tells
 * whether everything newer fits in a page; if not, the range (after, oldest of that page) is
 * halved until it holds between one message and a page.
 */
export async function pageAfter(fetch: FetchRange, after: string, stop?: string, page = PAGE): Promise<After> {
  if (stop && tsCompare(stop, after) > 0) {
    const r = await fetch(after, microsTs(tsMicros(stop) + 1), page + 1);
    if (!r.hasMore && r.messages.length > 0) return { messages: r.messages, reachedEnd: false, usedStop: true };
  }
  const newest = await fetch(after, undefined, page);
  if (!newest.hasMore || newest.messages.length === 0) return { messages: newest.messages, reachedEnd: true, usedStop: false };
  const upper = newest.messages[0].ts;
  const gap = await fetch(after, upper, page);
  if (!gap.hasMore) return { messages: [...gap.messages, ...newest.messages], reachedEnd: true, usedStop: false };
  let lo = tsMicros(after) + 1; // (after, lo) is empty
  let hi = tsMicros(upper); // (after, hi) holds more than a page
  for (let i = 0; i < 64 && hi - lo > 1; i++) {
    const mid = Math.floor((lo + hi) / 2);
    const r = await fetch(after, microsTs(mid), page);
    if (r.hasMore) hi = mid;
    else if (r.messages.length === 0) lo = mid;
    else return { messages: r.messages, reachedEnd: false, usedStop: false };
  }
  // a microsecond holds at most one message of a conversation, so the loop always returns
  throw new Error(`no page found after ${after}`);
}
