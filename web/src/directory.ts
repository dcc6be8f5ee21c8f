import { all, call, type Json } from './api';

/**
 * Where typeahead and the quick switcher get their answers: the edge cache's query methods
 * (`users.query`, `conversations.query`, `client.switcher`; ranked, answered from memory). The
 * list-based fallback is kept for servers without the edge cache; everything else calls only
 * these functions, so switching is this one line at the bottom.
 */
export interface Directory {
  users(query: string, limit: number): Promise<Json[]>;
  channels(query: string, limit: number): Promise<Json[]>;
  switcher(query: string, limit: number): Promise<Array<{ type: 'user'; user: Json } | { type: 'channel'; channel: Json }>>;
}

function matches(q: string, ...names: Array<string | undefined>): boolean {
  const needle = q.toLowerCase();
  return names.some((n) => n !== undefined && n.toLowerCase().includes(needle));
}

/** Fallback over `users.list` and `conversations.list`, filtered in the browser (loaded once, lazily). */
export function listDirectory(): Directory {
  let users: Promise<Json[]> | null = null;
  let channels: Promise<Json[]> | null = null;
  const loadUsers = () => (users ??= all('users.list', 'members', {}).catch((e) => { users = null; throw e; }));
  const loadChannels = () =>
    (channels ??= all('conversations.list', 'channels', { types: 'public_channel,private_channel', exclude_archived: true })
      .catch((e) => { channels = null; throw e; }));
  // channel lists change often: forget them after a while
  setInterval(() => { channels = null; users = null; }, 30_000);
  const d: Directory = {
    async users(q, limit) {
      return (await loadUsers())
        .filter((u) => !u.deleted && matches(q, u.name, u.real_name, u.profile?.display_name))
        .slice(0, limit);
    },
    async channels(q, limit) {
      return (await loadChannels()).filter((c) => matches(q, c.name)).slice(0, limit);
    },
    async switcher(q, limit) {
      const [u, c] = await Promise.all([d.users(q, limit), d.channels(q, limit)]);
      return [...c.map((channel) => ({ type: 'channel' as const, channel })), ...u.map((user) => ({ type: 'user' as const, user }))]
        .slice(0, limit);
    },
  };
  return d;
}

/** The edge cache's query methods, when the server has them. */
export function queryDirectory(): Directory {
  return {
    users: async (query, limit) => (await call('users.query', { query, limit })).users,
    channels: async (query, limit) => (await call('conversations.query', { query, limit })).channels,
    switcher: async (query, limit) => (await call('client.switcher', { query, limit })).results,
  };
}

/** The edge cache's methods are on the server (client.boot, users.query …): use them. */
export const directory: Directory = queryDirectory();
