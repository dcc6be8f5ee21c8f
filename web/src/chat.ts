import { ApiError, all, call, type Json } from './api';
import { replaceFile, type SlackFile } from './files';
import { Rtm, type ConnectionState } from './rtm';
import { tsCompare } from './ts';
import { PAGE, pageAfter, stopsOf, trimNewer, trimOlder, WINDOW, type FetchRange } from './window';

export type Kind = 'public' | 'private' | 'im' | 'mpim';

export interface Conv {
  id: string;
  name: string;
  kind: Kind;
  user?: string; // the other person of a DM
  members?: string[]; // group DMs: who is in it (for its label)
  isArchived: boolean;
  isGeneral: boolean;
  lastRead: string;
  unread: number;
  mentions: number;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface Msg {
  ts: string;
  user?: string;
  bot_id?: string;
  text: string;
  subtype?: string;
  thread_ts?: string;
  reply_count?: number;
  edited?: { user: string; ts: string };
  reactions?: Reaction[];
  files?: SlackFile[];
}

/** A conversation's history window (see window.ts): at most WINDOW consecutive messages. */
export interface History {
  messages: Msg[]; // oldest first
  /** Older messages exist before the window. */
  hasMore: boolean;
  /** Newer messages exist after the window (it was trimmed, or opened at a search result). */
  hasNewer: boolean;
  loading: boolean;
  loadingNewer: boolean;
  loaded: boolean;
  /** ts of trimmed newer messages, one per page, ascending: exact bounds to load them again. */
  newerStops: string[];
  /** The read cursor when the channel was opened: where the "new messages" line goes. */
  unreadFrom?: string;
  /** A message to scroll to and highlight (jump to a search result), and when it was asked for. */
  focus?: string;
  focusAt?: number;
}

export interface Self {
  id: string;
  name: string;
  team: string;
  teamId: string;
  domain: string;
  isAdmin: boolean;
}

export function convKind(c: Json): Kind {
  if (c.is_im) return 'im';
  if (c.is_mpim) return 'mpim';
  return c.is_private ? 'private' : 'public';
}

/**
 * The client's state and everything that changes it: boot, history, posting, and the RTM events.
 * Components read it through `useChat` and re-render when `version` moves.
 */
export class Chat {
  version = 0;
  /** Moves when a user object arrives or changes: memoized messages re-render only then (names). */
  usersVersion = 0;
  self: Self | null = null;
  connection: ConnectionState = 'connecting';
  readonly users = new Map<string, Json>();
  readonly convs = new Map<string, Conv>();
  readonly history = new Map<string, History>();
  readonly threads = new Map<string, Msg[]>();
  readonly typing = new Map<string, Map<string, number>>();
  readonly presence = new Map<string, string>();
  current: string | null = null;
  /** The open thread; `focus` is a reply to scroll to and highlight (a search result). */
  thread: { channel: string; ts: string; focus?: string } | null = null;
  focused = typeof document === 'undefined' ? true : document.hasFocus();
  private readonly listeners = new Set<() => void>();
  private readonly countedReplies = new Set<string>();
  private readonly userRequests = new Map<string, Promise<Json | null>>();
  readonly rtm: Rtm;

  constructor() {
    this.rtm = new Rtm((e) => this.onEvent(e), (s) => { this.connection = s; this.changed(); }, () => [...this.convs.keys()]);
  }

  subscribe = (f: () => void) => {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  };

  getVersion = () => this.version;

  changed(): void {
    this.version++;
    for (const f of this.listeners) f();
  }

  /**
   * The slim boot (`client.boot`, the edge cache): who I am, my conversations with their unread
   * and mention counts, and only the people my DMs name. Its size does not grow with the
   * workspace; everyone else is loaded when first seen (`user_change` over RTM, or users.info).
   */
  async boot(): Promise<void> {
    const boot = await call('client.boot');
    for (const u of boot.users ?? []) this.users.set(u.id, u);
    this.users.set(boot.self.id, boot.self);
    this.self = {
      id: boot.self.id, name: boot.self.profile?.display_name || boot.self.name, team: boot.team.name, teamId: boot.team.id,
      domain: boot.team.domain, isAdmin: !!boot.self.is_admin,
    };
    for (const c of [...boot.channels, ...boot.ims, ...boot.mpims]) this.convs.set(c.id, this.toConv(c));
    this.changed();
    this.rtm.start();
    this.presenceSub();
  }

  private toConv(c: Json, old?: Conv): Conv {
    return {
      id: c.id,
      name: c.name ?? old?.name ?? '',
      kind: convKind(c),
      user: c.user ?? old?.user,
      members: c.members ?? old?.members,
      isArchived: !!c.is_archived,
      isGeneral: !!c.is_general,
      lastRead: c.last_read ?? old?.lastRead ?? '0',
      unread: c.unread_count_display ?? old?.unread ?? 0,
      mentions: c.mention_count ?? old?.mentions ?? 0,
    };
  }

  /** Read position, unread and mention counts, and group DM members, from the server. */
  async refreshConv(id: string): Promise<void> {
    try {
      const info = (await call('conversations.info', { channel: id })).channel;
      // an answer that arrives after I left (a late channel_joined or message) must not bring it back
      if (info.is_member === false && !this.previewing.has(id)) {
        this.forget(id);
        return;
      }
      const conv = this.toConv(info, this.convs.get(id));
      if (conv.kind === 'mpim' && !conv.members) {
        conv.members = (await call('conversations.members', { channel: id, limit: 20 })).members;
      }
      if (conv.kind === 'im' && conv.user) void this.loadUser(conv.user);
      if (info.mention_count === undefined) conv.mentions = conv.unread > 0 ? await this.countMentions(conv) : 0;
      if (id === this.current && this.focused) {
        conv.unread = 0;
        conv.mentions = 0;
      }
      this.convs.set(id, conv);
      this.changed();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'channel_not_found') this.convs.delete(id);
      this.changed();
    }
  }

  private async countMentions(conv: Conv): Promise<number> {
    if (conv.kind === 'im' || conv.kind === 'mpim') return conv.unread;
    const h = await call('conversations.history', { channel: conv.id, oldest: conv.lastRead, limit: 100 });
    return (h.messages as Msg[]).filter((m) => this.mentionsMe(m)).length;
  }

  mentionsMe(m: Msg): boolean {
    if (!this.self || m.user === this.self.id) return false;
    return m.text.includes(`<@${this.self.id}>`) || m.text.includes(`<@${this.self.id}|`) || /<!(here|channel|everyone)>/.test(m.text);
  }

  private presenceSub(): void {
    const ids = new Set<string>();
    for (const c of this.convs.values()) if (c.user) ids.add(c.user);
    for (const id of this.users.keys()) ids.add(id);
    this.rtm.presenceSub([...ids].slice(0, 500));
  }

  // ---- users, loaded lazily ----

  user(id: string | undefined): Json | null {
    if (!id) return null;
    const u = this.users.get(id);
    if (u) return u;
    void this.loadUser(id);
    return null;
  }

  userName(id: string | undefined): string {
    const u = this.user(id);
    return u ? (u.profile?.display_name || u.name) : '';
  }

  loadUser(id: string): Promise<Json | null> {
    const known = this.users.get(id);
    if (known) return Promise.resolve(known);
    let p = this.userRequests.get(id);
    if (!p) {
      p = call('users.info', { user: id })
        .then((r) => {
          this.users.set(id, r.user);
          this.usersVersion++;
          this.changed();
          return r.user;
        })
        .catch(() => null);
      this.userRequests.set(id, p);
    }
    return p;
  }

  convLabel(c: Conv): string {
    if (c.kind === 'im') return c.user === this.self?.id ? `${this.userName(c.user)} (you)` : this.userName(c.user) || '…';
    if (c.kind === 'mpim') {
      const others = (c.members ?? []).filter((u) => u !== this.self?.id);
      return others.length ? others.map((u) => this.userName(u) || '…').join(', ') : c.name;
    }
    return c.name;
  }

  // ---- history ----

  hist(id: string): History {
    let h = this.history.get(id);
    if (!h) {
      h = { messages: [], hasMore: true, hasNewer: false, loading: false, loadingNewer: false, loaded: false, newerStops: [] };
      this.history.set(id, h);
    }
    return h;
  }

  async open(id: string): Promise<void> {
    if (!(await this.show(id))) return;
    const h = this.hist(id);
    if (h.hasNewer) return this.loadLatest(id); // left at an old page (a search result): back to the newest
    if (!h.loaded) await this.loadOlder(id);
    this.markRead(id);
  }

  /** Makes a conversation the current one (looking it up first if unknown); false if it cannot be read. */
  private async show(id: string): Promise<boolean> {
    if (!this.convs.has(id)) {
      try {
        const info = (await call('conversations.info', { channel: id })).channel;
        if (info.is_member === false) {
          this.current = id; // a public channel the user may preview and join
          this.convs.set(id, { ...this.toConv(info), lastRead: '0' });
          this.previewing.add(id);
        } else this.convs.set(id, this.toConv(info));
      } catch {
        return false;
      }
    }
    this.current = id;
    this.thread = null;
    const conv = this.convs.get(id)!;
    const h = this.hist(id);
    h.unreadFrom = conv.unread > 0 ? conv.lastRead : undefined;
    h.focus = undefined;
    this.changed();
    return true;
  }

  /** Public channels being looked at without being a member. */
  readonly previewing = new Set<string>();

  async loadOlder(id: string): Promise<void> {
    const h = this.hist(id);
    if (h.loading || (h.loaded && !h.hasMore)) return;
    h.loading = true;
    this.changed();
    try {
      const oldest = h.messages[0]?.ts;
      const r = await call('conversations.history', { channel: id, limit: PAGE, ...(oldest ? { latest: oldest } : {}) });
      const older = (r.messages as Msg[]).filter(visible).reverse();
      if (this.history.get(id) !== h) return; // reset meanwhile (resync, jump)
      const w = trimNewer(mergeMessages(older, h.messages), WINDOW);
      h.messages = w.kept;
      if (w.trimmed.length) {
        h.hasNewer = true;
        h.newerStops = [...stopsOf(w.trimmed), ...h.newerStops];
      }
      h.hasMore = !!r.has_more;
      h.loaded = true;
      const newest = h.messages[h.messages.length - 1];
      if (newest) this.rtm.seen(id, newest.ts);
      for (const m of older) if (m.user) void this.loadUser(m.user);
    } finally {
      h.loading = false;
      this.changed();
    }
  }

  private range(channel: string): FetchRange {
    return async (oldest, latest, limit) => {
      const r = await call('conversations.history', { channel, oldest, limit, ...(latest ? { latest } : {}) });
      return { messages: (r.messages as Msg[]).filter(visible).reverse(), hasMore: !!r.has_more };
    };
  }

  /** The page after the window's newest message (scrolled down after a trim or a jump). */
  async loadNewer(id: string): Promise<void> {
    const h = this.hist(id);
    const newest = h.messages[h.messages.length - 1];
    if (h.loadingNewer || !h.hasNewer || !newest) return;
    h.loadingNewer = true;
    this.changed();
    try {
      const r = await pageAfter(this.range(id), newest.ts, h.newerStops[0]);
      if (this.history.get(id) !== h) return;
      if (r.usedStop) h.newerStops = h.newerStops.slice(1);
      const w = trimOlder(mergeMessages(h.messages, r.messages), WINDOW);
      h.messages = w.kept;
      if (w.trimmed.length) h.hasMore = true;
      if (r.reachedEnd) {
        h.hasNewer = false;
        h.newerStops = [];
      }
      for (const m of r.messages) if (m.user) void this.loadUser(m.user);
    } finally {
      h.loadingNewer = false;
      this.changed();
    }
  }

  /** Back to the newest messages (the "Jump to recent" bar). */
  async loadLatest(id: string): Promise<void> {
    const unreadFrom = this.history.get(id)?.unreadFrom;
    this.history.delete(id);
    this.hist(id).unreadFrom = unreadFrom;
    await this.loadOlder(id);
    this.markRead(id);
  }

  /**
   * Opens a conversation at one message (a search result): the page up to it and the page after
   * it, scrolled to it and highlighted. A thread reply opens its parent and the thread.
   */
  async jumpTo(channel: string, ts: string, threadTs?: string): Promise<void> {
    const target = threadTs && threadTs !== ts ? threadTs : ts;
    if (!(await this.show(channel))) return;
    let h = this.hist(channel);
    if (!h.messages.some((m) => m.ts === target)) {
      this.history.delete(channel);
      h = this.hist(channel);
      h.loading = true;
      this.changed();
      try {
        const [before, after] = await Promise.all([
          call('conversations.history', { channel, latest: target, inclusive: true, limit: PAGE / 2 }),
          pageAfter(this.range(channel), target),
        ]);
        if (this.history.get(channel) !== h) return;
        h.messages = mergeMessages((before.messages as Msg[]).filter(visible).reverse(), after.messages);
        h.hasMore = !!before.has_more;
        h.hasNewer = !after.reachedEnd;
        h.loaded = true;
        for (const m of h.messages) if (m.user) void this.loadUser(m.user);
      } finally {
        h.loading = false;
      }
    }
    h.focus = target;
    h.focusAt = performance.now(); // the same result picked twice scrolls to it twice
    this.changed();
    if (target !== ts) await this.openThread(channel, target, ts);
    if (!h.hasNewer) this.markRead(channel);
  }

  /** Moves the read cursor to the newest message when the channel is on screen. */
  markRead(id: string): void {
    const conv = this.convs.get(id);
    const h = this.history.get(id);
    if (!conv || !h || h.hasNewer || this.previewing.has(id)) return;
    const newest = h.messages[h.messages.length - 1];
    conv.unread = 0;
    conv.mentions = 0;
    if (newest && tsCompare(newest.ts, conv.lastRead) > 0) {
      conv.lastRead = newest.ts;
      void call('conversations.mark', { channel: id, ts: newest.ts }).catch(() => undefined);
    }
    this.changed();
  }

  async openThread(channel: string, ts: string, focus?: string): Promise<void> {
    this.thread = { channel, ts, focus };
    this.changed();
    const msgs = await all('conversations.replies', 'messages', { channel, ts }, 1000);
    this.threads.set(`${channel}:${ts}`, msgs);
    for (const m of msgs) if (m.user) void this.loadUser(m.user);
    this.changed();
  }

  // ---- writing ----

  async post(channel: string, text: string, threadTs?: string, broadcast = false): Promise<void> {
    const r = await call('chat.postMessage', {
      channel, text, client_msg_id: crypto.randomUUID(),
      ...(threadTs ? { thread_ts: threadTs, reply_broadcast: broadcast } : {}),
    });
    this.addMessage(channel, r.message);
    if (this.history.get(channel)?.hasNewer && !threadTs) await this.loadLatest(channel); // posting shows the newest
    if (channel === this.current) this.markRead(channel);
  }

  async edit(channel: string, ts: string, text: string): Promise<void> {
    await call('chat.update', { channel, ts, text });
  }

  async remove(channel: string, ts: string): Promise<void> {
    await call('chat.delete', { channel, ts });
  }

  async toggleReaction(channel: string, m: Msg, name: string): Promise<void> {
    const mine = m.reactions?.find((r) => r.name === name)?.users.includes(this.self?.id ?? '');
    try {
      await call(mine ? 'reactions.remove' : 'reactions.add', { channel, timestamp: m.ts, name });
    } catch (e) {
      if (!(e instanceof ApiError) || !['already_reacted', 'no_reaction'].includes(e.code)) throw e;
    }
  }

  async join(id: string): Promise<void> {
    const r = await call('conversations.join', { channel: id });
    this.previewing.delete(id);
    this.convs.set(id, this.toConv(r.channel));
    this.changed();
    this.markRead(id);
  }

  async leave(id: string): Promise<void> {
    await call('conversations.leave', { channel: id });
    this.forget(id);
  }

  async archive(id: string): Promise<void> {
    await call('conversations.archive', { channel: id });
  }

  async create(name: string, isPrivate: boolean): Promise<string> {
    const r = await call('conversations.create', { name, is_private: isPrivate });
    this.convs.set(r.channel.id, this.toConv(r.channel));
    this.changed();
    return r.channel.id;
  }

  async openDirect(users: string[]): Promise<string> {
    const r = await call('conversations.open', { users: users.join(','), return_im: true });
    await this.refreshConv(r.channel.id);
    return r.channel.id;
  }

  private forget(id: string): void {
    this.convs.delete(id);
    this.history.delete(id);
    if (this.current === id) this.current = [...this.convs.values()].find((c) => c.isGeneral)?.id ?? null;
    this.changed();
  }

  // ---- real-time ----

  private addMessage(channel: string, m: Msg): void {
    const isReply = m.thread_ts && m.thread_ts !== m.ts;
    if (isReply) {
      const key = `${channel}:${m.thread_ts}`;
      const t = this.threads.get(key);
      if (t) this.threads.set(key, mergeMessages(t, [m]));
      if (!this.countedReplies.has(`${channel}:${m.ts}`)) {
        this.countedReplies.add(`${channel}:${m.ts}`);
        this.bumpReplies(channel, m.thread_ts!, m);
      }
      if (m.subtype !== 'thread_broadcast') return;
    }
    const h = this.history.get(channel);
    if (h?.loaded && !h.hasNewer && !h.messages.some((x) => x.ts === m.ts)) {
      // the list follows live messages; a long stay at the bottom drops the oldest
      const merged = mergeMessages(h.messages, [m]);
      h.messages = merged.length > 2 * WINDOW ? trimOlder(merged, WINDOW).kept : merged;
      if (merged.length > 2 * WINDOW) h.hasMore = true;
    }
  }

  /** A new reply: the parent (a new object, so memoized rows re-render) counts it and its author. */
  private bumpReplies(channel: string, parentTs: string, reply: Msg): void {
    const h = this.history.get(channel);
    if (h) {
      h.messages = h.messages.map((p) => (p.ts !== parentTs ? p : {
        ...p,
        thread_ts: parentTs,
        reply_count: (p.reply_count ?? 0) + 1,
        reply_users: reply.user && !(p as Json).reply_users?.includes(reply.user)
          ? [...((p as Json).reply_users ?? []), reply.user] : (p as Json).reply_users,
      } as Msg));
    }
    const key = `${channel}:${parentTs}`;
    const t = this.threads.get(key);
    if (t?.[0] && t[0].ts === parentTs) this.threads.set(key, [{ ...t[0], reply_count: t.length - 1 }, ...t.slice(1)]);
  }

  private updateEverywhere(channel: string, ts: string, f: (m: Msg) => Msg | null): void {
    const h = this.history.get(channel);
    if (h) h.messages = h.messages.flatMap((m) => (m.ts === ts ? (f(m) ?? []) : [m]));
    for (const [key, msgs] of this.threads) {
      if (!key.startsWith(channel + ':')) continue;
      this.threads.set(key, msgs.flatMap((m) => (m.ts === ts ? (f(m) ?? []) : [m])));
    }
  }

  onEvent(e: Json): void {
    switch (e.type) {
      case 'message':
        this.onMessage(e);
        break;
      case 'reaction_added':
      case 'reaction_removed':
        this.updateEverywhere(e.item.channel, e.item.ts, (m) => ({ ...m, reactions: react(m.reactions ?? [], e.reaction, e.user, e.type === 'reaction_added') }));
        break;
      case 'channel_joined':
      case 'group_joined':
      case 'im_created':
      case 'mpim_open': {
        const id = typeof e.channel === 'string' ? e.channel : e.channel?.id;
        if (id) void this.refreshConv(id).then(() => this.presenceSub());
        break;
      }
      case 'member_joined_channel':
        if (e.user === this.self?.id && !this.convs.has(e.channel)) void this.refreshConv(e.channel);
        break;
      case 'channel_left':
      case 'group_left':
        this.forget(typeof e.channel === 'string' ? e.channel : e.channel.id);
        break;
      case 'member_left_channel':
        if (e.user === this.self?.id) this.forget(e.channel);
        break;
      case 'channel_rename':
      case 'group_rename': {
        const c = this.convs.get(e.channel.id);
        if (c) c.name = e.channel.name;
        break;
      }
      case 'channel_archive':
      case 'group_archive':
      case 'channel_unarchive':
      case 'group_unarchive': {
        const c = this.convs.get(e.channel);
        if (c) c.isArchived = e.type.endsWith('_archive');
        break;
      }
      case 'channel_marked':
      case 'group_marked':
      case 'im_marked':
      case 'mpim_marked': {
        const c = this.convs.get(e.channel);
        if (c && tsCompare(e.ts, c.lastRead) >= 0) {
          c.lastRead = e.ts;
          c.unread = e.unread_count_display ?? 0;
          c.mentions = c.unread === 0 ? 0 : c.mentions;
        }
        break;
      }
      case 'user_typing': {
        let t = this.typing.get(e.channel);
        if (!t) this.typing.set(e.channel, (t = new Map()));
        t.set(e.user, Date.now() + 4000);
        setTimeout(() => this.changed(), 4100);
        break;
      }
      case 'presence_change':
        for (const u of e.users ?? [e.user]) this.presence.set(u, e.presence);
        break;
      case 'user_change':
      case 'team_join':
        this.users.set(e.user.id, e.user);
        this.usersVersion++;
        break;
      case 'file_change':
        void this.refreshFile(e.file_id, e.channel_id);
        return;
      case 'file_deleted':
        this.putFile({ id: e.file_id, mode: 'tombstone' }, e.channel_ids ?? []);
        break;
      case 'resync_required': {
        this.history.delete(e.channel);
        if (this.current === e.channel) void this.loadOlder(e.channel);
        void this.refreshConv(e.channel);
        break;
      }
      default:
        return;
    }
    this.changed();
  }

  /** A shared file changed (its thumbnails are ready): the messages carrying it show the new version. */
  private async refreshFile(id: string, channel: string): Promise<void> {
    try {
      const f: SlackFile = (await call('files.info', { file: id })).file;
      this.putFile(f, [channel]);
      this.changed();
    } catch {
      // gone meanwhile: file_deleted follows
    }
  }

  /** Puts a file object into the messages (history and open threads) of these channels that carry it. */
  private putFile(f: SlackFile, channels: string[]): void {
    for (const channel of channels) {
      const h = this.history.get(channel);
      if (h) h.messages = replaceFile(h.messages, f);
      for (const [key, msgs] of this.threads) {
        if (key.startsWith(channel + ':')) this.threads.set(key, replaceFile(msgs, f));
      }
    }
  }

  private onMessage(e: Json): void {
    const channel: string = e.channel;
    if (e.subtype === 'message_changed') {
      this.updateEverywhere(channel, e.message.ts, (m) => ({ ...m, ...e.message, reactions: e.message.reactions ?? m.reactions }));
      return;
    }
    if (e.subtype === 'message_deleted') {
      this.updateEverywhere(channel, e.deleted_ts, () => null);
      const prev = e.previous_message;
      if (prev?.thread_ts && prev.thread_ts !== e.deleted_ts) {
        this.updateEverywhere(channel, prev.thread_ts, (m) => ({ ...m, reply_count: Math.max(0, (m.reply_count ?? 1) - 1) }));
      }
      return;
    }
    if (e.hidden) return;
    const m: Msg = { ...e };
    this.typing.get(channel)?.delete(m.user ?? '');
    if (m.user) void this.loadUser(m.user);
    this.addMessage(channel, m);
    const conv = this.convs.get(channel);
    if (!conv) {
      // a conversation this client has not loaded yet (a DM opened a moment ago): ask the server
      void this.refreshConv(channel);
      return;
    }
    if (m.user === this.self?.id) return;
    if (m.thread_ts && m.thread_ts !== m.ts && m.subtype !== 'thread_broadcast') {
      if (this.mentionsMe(m)) this.notify(conv, m);
      return;
    }
    const onScreen = this.current === channel && this.focused && typeof document !== 'undefined' && document.visibilityState === 'visible';
    if (onScreen) {
      this.markRead(channel);
      return;
    }
    conv.unread++;
    const direct = conv.kind === 'im' || conv.kind === 'mpim';
    if (direct || this.mentionsMe(m)) {
      conv.mentions++;
      this.notify(conv, m);
    }
  }

  /** Desktop notification for mentions and DMs, when the user allowed them. */
  private notify(conv: Conv, m: Msg): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const who = this.userName(m.user) || 'Someone';
    const where = conv.kind === 'im' ? who : conv.kind === 'mpim' ? this.convLabel(conv) : `#${conv.name}`;
    const n = new Notification(where, { body: `${who}: ${m.text.slice(0, 200)}`, tag: `${conv.id}:${m.ts}` });
    n.onclick = () => { window.focus(); void this.open(conv.id); };
  }

  typers(channel: string): string[] {
    const t = this.typing.get(channel);
    if (!t) return [];
    const now = Date.now();
    return [...t].filter(([u, until]) => until > now && u !== this.self?.id).map(([u]) => u);
  }
}

/** Messages the pane shows (joins and topic changes included; hidden events are not messages). */
function visible(m: Msg): boolean {
  return !(m as Json).hidden;
}

/** Merges two ascending lists by ts without duplicates (a later copy of a ts wins). */
export function mergeMessages(a: Msg[], b: Msg[]): Msg[] {
  const byTs = new Map<string, Msg>();
  for (const m of a) byTs.set(m.ts, m);
  for (const m of b) byTs.set(m.ts, m);
  return [...byTs.values()].sort((x, y) => tsCompare(x.ts, y.ts));
}

export function react(list: Reaction[], name: string, user: string, add: boolean): Reaction[] {
  const out = list.map((r) => ({ ...r, users: [...r.users] }));
  let r = out.find((x) => x.name === name);
  if (add) {
    if (!r) out.push((r = { name, users: [], count: 0 }));
    if (!r.users.includes(user)) {
      r.users.push(user);
      r.count++;
    }
  } else if (r && r.users.includes(user)) {
    r.users = r.users.filter((u) => u !== user);
    r.count--;
  }
  return out.filter((x) => x.count > 0);
}
