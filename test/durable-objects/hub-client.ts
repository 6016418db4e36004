import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { TenantHub } from "../../durable-objects/tenant-hub";
import { identityHeaders } from "../../durable-objects/tenant-hub/connections";
import type { HubMessage } from "../../durable-objects/tenant-hub/events";
import { EnvSchema } from "../../src/env";
import { signAccessToken } from "../../src/lib/jwt";
import type { Role } from "../../src/services/context";
import type { TestTenant } from "../support/harness";

/** The test Worker's hub namespace (the binding is in wrangler.toml). */
export const hubs = env.TENANT_HUB;
export const hubOf = (tenantId: string) => hubs.get(hubs.idFromName(tenantId));

/**
 * Sets the clock of a tenant's hub instance to `at` (epoch ms) from now on, so tests reach a token's
 * expiry or the end of the replay window without waiting. Holds until the instance is evicted.
 */
export async function setHubClock(tenantId: string, at: number): Promise<void> {
  await runInDurableObject(hubOf(tenantId), (hub: TenantHub) => {
    hub.now = () => at;
  });
}

/**
 * The client end of a hub socket, recording everything it receives. `next()` waits for a message
 * matching a predicate (including ones already received and not yet taken), so a test can assert
 * the order of delivery and, with a sentinel event sent last, that something did NOT arrive.
 */
export class HubClient {
  readonly received: string[] = [];
  private cursor = 0;
  private wake: (() => void) | undefined;
  readonly closed: Promise<CloseEvent>;

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (e) => {
      this.received.push(typeof e.data === "string" ? e.data : "<binary>");
      this.wake?.();
    });
    this.closed = new Promise((resolve) => ws.addEventListener("close", resolve, { once: true }));
  }

  /** Straight to the hub with the identity headers the Worker would set (unit level). */
  static async direct(
    tenantId: string,
    role: Role,
    userId = crypto.randomUUID(),
    since?: number,
    expiresAt = Date.now() + 600_000,
  ) {
    const url = `https://hub/connect${since === undefined ? "" : `?since=${since}`}`;
    const res = await hubOf(tenantId).fetch(url, {
      headers: { upgrade: "websocket", ...identityHeaders({ tenantId, userId, role, expiresAt }) },
    });
    if (res.status !== 101 || !res.webSocket) throw new Error(`hub refused: ${res.status} ${await res.text()}`);
    return new HubClient(res.webSocket);
  }

  /** Through the real Worker route; returns the response when it is not an upgrade. */
  static async viaApi(query: string, headers: Record<string, string> = {}) {
    const res = await exports.default.fetch(`http://api.test/api/v1/ws${query}`, {
      headers: { upgrade: "websocket", ...headers },
    });
    return { res, client: res.webSocket ? new HubClient(res.webSocket) : undefined };
  }

  messages(): HubMessage[] {
    return this.received.filter((m) => m.startsWith("{")).map((m) => JSON.parse(m) as HubMessage);
  }

  /** The next not-yet-taken message matching `match` (messages before it are skipped, not lost). */
  async next(match: (m: HubMessage) => boolean = () => true, timeoutMs = 3000): Promise<HubMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.cursor; i < this.received.length; i++) {
        const raw = this.received[i] as string;
        if (!raw.startsWith("{")) continue;
        const m = JSON.parse(raw) as HubMessage;
        if (match(m)) {
          this.cursor = i + 1;
          return m;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms; got ${this.received.join(" | ")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits for a raw text frame (e.g. the `pong` heartbeat). */
  async nextRaw(text: string, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.received.includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  send(data: string | object) {
    this.ws.send(typeof data === "string" ? data : JSON.stringify(data));
  }

  close() {
    this.ws.close(1000, "bye");
  }
}

/** A domain-event-shaped input for `broadcast`/`sendToUser`. */
export function hubEvent(
  tenantId: string,
  entityType: string,
  extra: { id?: number; entityId?: string; data?: unknown; topics?: string[]; action?: string } = {},
) {
  return {
    tenantId,
    type: `${entityType}.${extra.action ?? "update"}`,
    entityType,
    entityId: extra.entityId ?? crypto.randomUUID(),
    data: extra.data ?? { n: 1 },
    createdAt: new Date().toISOString(),
    ...(extra.id === undefined ? {} : { id: extra.id }),
    ...(extra.topics ? { topics: extra.topics } : {}),
  };
}

/** Polls until `read()` returns `want` (server-side close handling is asynchronous). */
export async function eventually<T>(read: () => Promise<T>, want: T, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
    last = await read();
  }
  return last;
}

/**
 * An access token for a seeded user, signed with the test Worker's key as login would. Saves the
 * sign-in round trips (and the per-address sign-in rate limit); the route still verifies it fully.
 */
export async function tokenFor(tenant: TestTenant, role: Role): Promise<string> {
  const config = EnvSchema.parse(env);
  return signAccessToken(
    config.JWT_PRIVATE_KEY,
    { user_id: tenant.users[role].id, tenant_id: tenant.id, role },
    { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: 300 },
  );
}

export async function authHeaders(tenant: TestTenant, role: Role): Promise<Record<string, string>> {
  return { ...tenant.headers, authorization: `Bearer ${await tokenFor(tenant, role)}` };
}
