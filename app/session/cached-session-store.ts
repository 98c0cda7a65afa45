import type { SessionStore, ShopperSession } from './ports';
import { isSessionActive, shouldTouchSession } from './session-rules';

/**
 * How long one process trusts a session it read without asking the database again. A sign-out in
 * this process takes effect at once (the entry goes); one in another process within this time.
 */
export const SESSION_CACHE_MS = 2_000;

export interface SessionCacheOptions {
  ttlMs?: number;
  /** Entries kept at most; the oldest go first. Each is a few hundred bytes. */
  maxEntries?: number;
}

type Entry = { session: ShopperSession; readAt: number };

/*
 * Every page a shopper opens reads their session; behind this cache a page costs no session query
 * while the entry is fresh. Freshness is measured on the `now` each call receives, like the expiry
 * rules, so a clock that jumps backwards only causes a re-read. Expiry (idle, absolute) is checked
 * on every hit, so a session still ends to the millisecond; only a revocation made by another
 * process is seen up to `ttlMs` late. Keys are the cookie value itself (token and sealed claim): it is in this process's memory
 * during the request anyway, and never leaves it.
 */
export function withSessionCache(store: SessionStore, options: SessionCacheOptions = {}): SessionStore {
  const ttlMs = options.ttlMs ?? SESSION_CACHE_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  // Bumped by every revocation here: a read that started before one must not cache what it got.
  let revocations = 0;

  const remember = (token: string, session: ShopperSession, readAt: number) => {
    entries.delete(token);
    entries.set(token, { session, readAt });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };

  return {
    async create(input, now) {
      const created = await store.create(input, now);
      remember(created.token, created.session, now.getTime());
      return created;
    },

    async open(now) {
      const pending = await store.open(now);
      let boundToken: string | null = null;
      return {
        bind(scope) {
          const bound = pending.bind(scope);
          boundToken = bound.token;
          remember(bound.token, bound.session, now.getTime());
          return bound;
        },
        async discard() {
          if (boundToken) entries.delete(boundToken);
          await pending.discard();
        },
      };
    },

    async get(token, now) {
      const at = now.getTime();
      const entry = entries.get(token);
      if (entry) {
        const age = at - entry.readAt;
        const fresh = age >= 0 && age < ttlMs;
        if (fresh && !isSessionActive(entry.session, now)) return null;
        if (fresh && !shouldTouchSession(entry.session, now)) return entry.session;
        entries.delete(token);
      }
      const seen = revocations;
      const session = await store.get(token, now);
      if (session && seen === revocations) remember(token, session, at);
      return session;
    },

    async revoke(token, now) {
      revocations += 1;
      entries.delete(token);
      try {
        await store.revoke(token, now);
      } finally {
        // A read that began while the update was in flight may have cached the row before it.
        revocations += 1;
        entries.delete(token);
      }
    },
  };
}
