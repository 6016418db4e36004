/**
 * Where dashboard snapshots live between requests. Expiry is decided by the service against its
 * own (injectable) clock from the snapshot's `generatedAt`; the store's TTL only reclaims space.
 */
export interface StatsCache {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown, ttlSeconds: number): Promise<void>;
}

/** For callers that want fresh numbers every time (tests of the figures, a cold benchmark). */
export const NO_CACHE: StatsCache = {
  get: async () => undefined,
  put: async () => {},
};

/**
 * The Workers Cache API (`caches.default`): shared by every isolate of the data centre, free, and
 * gone after the TTL — a better fit than an isolate-local Map (each isolate would compute its own
 * copy, and isolates come and go) and than KV (global replication is wasted on a 5-minute figure,
 * and KV writes are limited and billed). Keys are synthetic URLs on a host we never serve, one per
 * tenant. Best effort: a cache failure costs a recomputation, never the request. Note: on a
 * `*.workers.dev` host the Cache API stores nothing, so there every request recomputes.
 */
export function edgeStatsCache(version = "v1"): StatsCache {
  const url = (key: string) => `https://dashboard-cache.internal/${version}/${encodeURIComponent(key)}`;
  return {
    async get(key) {
      try {
        const hit = await caches.default.match(url(key));
        return hit ? await hit.json() : undefined;
      } catch {
        return undefined;
      }
    },
    async put(key, value, ttlSeconds) {
      try {
        const body = JSON.stringify(value);
        const headers = { "content-type": "application/json", "cache-control": `max-age=${ttlSeconds}` };
        await caches.default.put(url(key), new Response(body, { headers }));
      } catch {
        // Not cached this time; the next request recomputes.
      }
    },
  };
}
