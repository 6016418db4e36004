import type { PlanView } from "./internal";

/**
 * The tenant's plan catalogue (every plan, a few dozen at most) cached for an hour in the Workers
 * Cache API under one per-tenant key; filters, search and pages are applied to it in memory, so a
 * plan write invalidates exactly one key. No binding needed.
 *
 * Limits, accepted: the Cache API is per data centre, so a write purges the copy of the data centre
 * that served it; another one may serve its copy until the hour is up. (The Cache API is a no-op on
 * `*.workers.dev`: there every list reads the database.)
 */
const TTL_SECONDS = 3600;

/**
 * Per-tenant write epochs of this isolate — a pure in-memory counter, safe at module level. A read
 * that started before a write must not put its (older) result into the cache after the write
 * purged it: it only stores when the epoch did not move meanwhile, and re-purges if it moved during
 * the put. So a write in this isolate is never followed by a stale read from it.
 */
const epochs = new Map<string, number>();
const epochOf = (tenantId: string) => epochs.get(tenantId) ?? 0;

function cacheKey(tenantId: string): Request {
  return new Request(`https://cache.rtrwnet.internal/v1/tenants/${tenantId}/service-plans`);
}

function planCache(): Cache | undefined {
  return typeof caches === "undefined" ? undefined : caches.default;
}

/** The catalogue from the cache, else from `load` (then cached). */
export async function cachedPlanCatalogue(tenantId: string, load: () => Promise<PlanView[]>): Promise<PlanView[]> {
  const cache = planCache();
  if (!cache) return load();
  const key = cacheKey(tenantId);
  const hit = await cache.match(key);
  if (hit) return (await hit.json()) as PlanView[];
  const epoch = epochOf(tenantId);
  const plans = await load();
  if (epochOf(tenantId) !== epoch) return plans;
  const body = JSON.stringify(plans);
  await cache.put(
    key,
    new Response(body, { headers: { "content-type": "application/json", "cache-control": `max-age=${TTL_SECONDS}` } }),
  );
  if (epochOf(tenantId) !== epoch) await cache.delete(key);
  return plans;
}

/** Called after every committed plan write of the tenant. */
export async function invalidatePlanCatalogue(tenantId: string): Promise<void> {
  epochs.set(tenantId, epochOf(tenantId) + 1);
  await planCache()?.delete(cacheKey(tenantId));
}
