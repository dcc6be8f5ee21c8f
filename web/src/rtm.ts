import { call, type Json } from './api';
import { tsMax, tsOf } from './ts';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting';

/**
 * The RTM connection: `rtm.connect` with the cookie session, then the WebSocket. On a drop it
 * shows "reconnecting", backs off, and resumes with `since` (the last event_ts seen per channel,
 * docs/realtime.md) so the server replays exactly what was missed; a channel it cannot replay
 * comes back as `resync_required` and is reloaded by the app.
 */
export class Rtm {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  private readonly since = new Map<string, string>();
  private attempts = 0;
  private stopped = false;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private connectedOnce = false;
  private readonly bootFloor = tsOf(Date.now() - 5 * 60_000);

  constructor(
    private readonly onEvent: (e: Json) => void,
    private readonly onState: (s: ConnectionState) => void,
    private readonly channelIds: () => string[],
  ) {}

  start(): void {
    this.stopped = false;
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.pinger) clearInterval(this.pinger);
    this.ws?.close(1000);
  }

  /** The app saw this channel up to `ts` (history loads count too). */
  seen(channel: string, ts: string): void {
    this.since.set(channel, tsMax(this.since.get(channel), ts));
  }

  /** Drops the socket as a network failure would (used by tests and "reconnect now"). */
  drop(): void {
    this.ws?.close(4000, 'client drop');
  }

  send(frame: Json): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        reject(new Error('not_connected'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  typing(channel: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'typing', channel, id: this.nextId++ }));
  }

  presenceSub(ids: string[]): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'presence_sub', ids, id: this.nextId++ }));
  }

  private async open(): Promise<void> {
    this.onState(this.connectedOnce ? 'reconnecting' : 'connecting');
    let url: string;
    try {
      const since: Record<string, string> = {};
      if (this.connectedOnce) {
        for (const id of this.channelIds()) since[id] = this.since.get(id) ?? this.bootFloor;
      }
      const r = await call('rtm.connect', { batch_presence_aware: true, since: JSON.stringify(since) });
      // same origin as the page, whatever public URL the server was configured with
      const given = new URL(r.url);
      url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${given.pathname}${given.search}`;
    } catch {
      this.retry();
      return;
    }
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onmessage = (m) => this.frame(JSON.parse(String(m.data)));
    ws.onclose = () => {
      if (this.ws !== ws) return;
      if (this.pinger) clearInterval(this.pinger);
      for (const p of this.pending.values()) p.reject(new Error('connection_lost'));
      this.pending.clear();
      if (!this.stopped) this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    this.onState('reconnecting');
    const delay = Math.min(30_000, 250 * 2 ** this.attempts++) * (0.75 + Math.random() / 2);
    setTimeout(() => void this.open(), delay);
  }

  private frame(e: Json): void {
    if (e.reply_to !== undefined && e.type === undefined) {
      const p = this.pending.get(e.reply_to);
      this.pending.delete(e.reply_to);
      if (e.ok) p?.resolve(e);
      else p?.reject(new Error(e.error?.msg ?? 'error'));
      return;
    }
    if (e.type === 'hello') {
      this.attempts = 0;
      this.connectedOnce = true;
      this.onState('online');
      if (this.pinger) clearInterval(this.pinger);
      this.pinger = setInterval(() => {
        if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'ping', id: this.nextId++ }));
      }, 20_000);
    }
    if (e.type === 'goodbye') {
      this.ws?.close(1000);
      return;
    }
    const channel = e.channel && typeof e.channel === 'string' ? e.channel : e.item?.channel;
    const ts = e.event_ts ?? e.ts;
    if (channel && ts && e.type !== 'user_typing' && !String(e.type).endsWith('_marked')) this.seen(channel, ts);
    this.onEvent(e);
  }
}
