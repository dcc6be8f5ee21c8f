import { describe, expect, it } from 'vitest';
import type { Msg } from './chat';
import { mergeMessages } from './chat';
import { microsTs, pageAfter, stopsOf, trimNewer, trimOlder, tsMicros, type FetchRange } from './window';

/** A channel as conversations.history sees it: the newest `limit` strictly inside the range. */
function channel(tss: string[]) {
  const all: Msg[] = tss.map((ts) => ({ ts, text: ts }));
  let calls = 0;
  const fetch: FetchRange = async (oldest, latest, limit) => {
    calls++;
    const inRange = all.filter((m) => tsMicros(m.ts) > tsMicros(oldest) && (latest === undefined || tsMicros(m.ts) < tsMicros(latest)));
    return { messages: inRange.slice(Math.max(0, inRange.length - limit)), hasMore: inRange.length > limit };
  };
  return { all, fetch, calls: () => calls };
}

/** n messages from t0, with gaps of `step` microseconds (a gap every 7th message is a day long). */
function tss(n: number, step = 1_000, t0 = 1_700_000_000_000_000): string[] {
  const out: string[] = [];
  let t = t0;
  for (let i = 0; i < n; i++) {
    t += i % 7 === 0 ? 86_400_000_000 : step;
    out.push(microsTs(t));
  }
  return out;
}

describe('the history window', () => {
  it('converts ts to microseconds and back exactly', () => {
    expect(tsMicros('1700000000.000100')).toBe(1_700_000_000_000_100);
    expect(microsTs(1_700_000_000_000_100)).toBe('1700000000.000100');
    expect(microsTs(tsMicros('1700000001.5'))).toBe('1700000001.500000');
  });

  it('trims the far end and remembers a stop per trimmed page', () => {
    const msgs = tss(330).map((ts) => ({ ts, text: '' }));
    const older = trimNewer(msgs, 200);
    expect(older.kept).toEqual(msgs.slice(0, 200));
    expect(older.trimmed).toEqual(msgs.slice(200));
    expect(stopsOf(older.trimmed, 50)).toEqual([msgs[249].ts, msgs[299].ts]);
    const newer = trimOlder(msgs, 200);
    expect(newer.kept).toEqual(msgs.slice(130));
    expect(trimOlder(msgs.slice(0, 10), 200).trimmed).toEqual([]);
  });

  it('finds the page right after a message without a stop, in dense and sparse history', async () => {
    for (const step of [1, 1_000, 3_600_000_000]) {
      const ch = channel(tss(1_000, step));
      for (const from of [0, 123, 500, 949, 950, 999]) {
        const r = await pageAfter(ch.fetch, ch.all[from].ts, undefined, 50);
        const expected = ch.all.slice(from + 1);
        // consecutive from the next message on, never a gap
        if (from < 999) expect(r.messages.length).toBeGreaterThan(0);
        expect(r.messages).toEqual(expected.slice(0, r.messages.length));
        expect(r.messages.length).toBeLessThanOrEqual(100);
        expect(r.reachedEnd).toBe(r.messages.length === expected.length);
      }
    }
  });

  it('uses a stop for one exact call', async () => {
    const ch = channel(tss(1_000));
    const r = await pageAfter(ch.fetch, ch.all[99].ts, ch.all[149].ts, 50);
    expect(r.messages).toEqual(ch.all.slice(100, 150));
    expect(r.usedStop).toBe(true);
    expect(r.reachedEnd).toBe(false);
    expect(ch.calls()).toBe(1);
  });

  it('scrolls back through 1,000 messages and forward again, never holding more than the window, never skipping', async () => {
    const ch = channel(tss(1_000, 37));
    // open: the newest page
    let window: Msg[] = (await ch.fetch('0', undefined, 50)).messages;
    let stops: string[] = [];
    let hasMore = true;
    while (hasMore) { // what Chat.loadOlder does
      const r = await ch.fetch('0', window[0].ts, 50);
      const w = trimNewer(mergeMessages(r.messages, window), 200);
      window = w.kept;
      stops = [...stopsOf(w.trimmed, 50), ...stops];
      hasMore = r.hasMore;
      expect(window.length).toBeLessThanOrEqual(200);
    }
    expect(window).toEqual(ch.all.slice(0, 200));
    let seen = [...window];
    let end = false;
    while (!end) { // what Chat.loadNewer does
      const r = await pageAfter(ch.fetch, window[window.length - 1].ts, stops[0], 50);
      if (r.usedStop) stops = stops.slice(1);
      seen = mergeMessages(seen, r.messages);
      window = trimOlder(mergeMessages(window, r.messages), 200).kept;
      end = r.reachedEnd;
      expect(window.length).toBeLessThanOrEqual(200);
    }
    expect(seen).toEqual(ch.all);
    expect(window).toEqual(ch.all.slice(800));
  });
});
