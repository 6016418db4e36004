/**
 * Bench: WebSocket fan-out. N clients (Node `ws`) join one tenant's room through the real
 * `GET /api/v1/ws` of a running `wrangler dev`; one real API write (a service plan, which every
 * role may read) publishes one event; we time until every client has it (from sending the write)
 * and read the memory of the workerd process.
 *
 * Written against the `run(ctx)` module shape expected from `scripts/bench.ts` (see BenchContext);
 * `node scripts/bench/ws-fanout.ts` also runs it alone against an API that is already up
 * (BENCH_API_URL, PLATFORM_API_KEY; optional WORKERD_PID, BENCH_CLIENTS).
 *
 * The stack under test needs rate limits above N: every socket is an authenticated request of
 * one user from one address (`--var RATE_LIMIT_USER_PER_MINUTE:100000 --var RATE_LIMIT_IP_PER_MINUTE:100000`).
 */
import { readdirSync, readFileSync } from "node:fs";
import WebSocket from "ws";

export interface BenchContext {
  /** Base URL of the Worker under test, e.g. `http://127.0.0.1:8787`. */
  apiUrl: string;
  /** The platform operator's key (creates and deletes the bench tenant). */
  platformKey: string;
  /** The workerd process serving `apiUrl`, for its memory; else found under `wranglerPid`. */
  workerdPid?: number;
  wranglerPid?: number;
  log?: (line: string) => void;
}

export interface BenchResult {
  name: string;
  metrics: Record<string, number | string>;
  notes?: string[];
}

const PASSWORD = "bench-password-0123";

export async function run(
  ctx: BenchContext,
  clients = Number(process.env.BENCH_CLIENTS ?? 2000),
): Promise<BenchResult> {
  const log = ctx.log ?? ((line: string) => console.log(line));
  const slug = `bench-ws-${Date.now().toString(36)}`;
  const tenant = await call<{ tenant: { id: string } }>(ctx, "/api/v1/platform/tenants", {
    headers: { authorization: `Bearer ${ctx.platformKey}` },
    body: { name: "Bench WS", slug, admin: { email: `admin@${slug}.test`, password: PASSWORD, name: "Bench" } },
  });
  const headers = { "x-tenant-id": slug };
  try {
    const { access_token: token } = await call<{ access_token: string }>(ctx, "/api/v1/auth/login", {
      headers,
      body: { email: `admin@${slug}.test`, password: PASSWORD },
    });
    const pid = ctx.workerdPid ?? (ctx.wranglerPid ? findWorkerd(ctx.wranglerPid) : undefined);
    const rssBefore = pid ? rssMiB(pid) : undefined;

    log(`ws-fanout: connecting ${clients} clients to tenant ${slug}`);
    let closed = 0;
    const connectStart = performance.now();
    const sockets: WebSocket[] = [];
    const heartbeat = setInterval(() => {
      for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.send("ping");
    }, 20_000);
    await connectAll({ apiUrl: ctx.apiUrl, token, headers, n: clients, parallel: 50 }, sockets, () => {
      closed += 1;
    });
    const connectMs = performance.now() - connectStart;
    const rssConnected = pid ? rssMiB(pid) : undefined;

    const latencies: number[] = [];
    let sent = Number.POSITIVE_INFINITY;
    const all = new Promise<void>((resolve) => {
      for (const ws of sockets) {
        ws.on("message", (raw) => {
          if (String(raw).includes('"event":"service_plan.create"')) {
            latencies.push(performance.now() - sent);
            if (latencies.length === sockets.length) resolve();
          }
        });
      }
    });
    const closedAtEvent = closed;
    sent = performance.now();
    await call(ctx, "/api/v1/service-plans", {
      headers: { ...headers, authorization: `Bearer ${token}` },
      body: { name: "Bench plan", speedDownloadMbps: 20, speedUploadMbps: 5, price: 150_000 },
    });
    const responded = performance.now() - sent;
    await Promise.race([all, new Promise((r) => setTimeout(r, 30_000))]);
    const rssAfter = pid ? rssMiB(pid) : undefined;
    for (const ws of sockets) ws.close(1000);
    clearInterval(heartbeat);
    latencies.sort((a, b) => a - b);

    return {
      name: "ws-fanout",
      metrics: {
        clients,
        closedBeforeEvent: closedAtEvent,
        received: latencies.length,
        connectAllMs: round(connectMs),
        writeResponseMs: round(responded),
        deliveryMedianMs: round(quantile(latencies, 0.5)),
        deliveryP99Ms: round(quantile(latencies, 0.99)),
        deliveryMaxMs: round(latencies.at(-1) ?? Number.NaN),
        ...(rssBefore === undefined ? {} : { workerdRssBeforeMiB: rssBefore }),
        ...(rssConnected === undefined ? {} : { workerdRssConnectedMiB: rssConnected }),
        ...(rssAfter === undefined ? {} : { workerdRssAfterEventMiB: rssAfter }),
        ...(rssBefore === undefined || rssConnected === undefined
          ? {}
          : { workerdKiBPerSocket: round(((rssConnected - rssBefore) * 1024) / clients) }),
      },
      notes: [
        "delivery = from sending POST /api/v1/service-plans to the client's message (commit, waitUntil, hub RPC, fan-out)",
        ...(pid ? [] : ["workerd pid unknown: no memory figures"]),
      ],
    };
  } finally {
    await fetch(`${ctx.apiUrl}/api/v1/platform/tenants/${tenant.tenant.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ctx.platformKey}` },
    }).catch(() => undefined);
  }
}

/**
 * Opens `n` sockets, `parallel` handshakes at a time, each resolved on its `connected` greeting.
 * Every socket sends the `ping` heartbeat every 20 s, as the dashboard does: idle WebSockets are
 * closed by proxies (Cloudflare's edge after about 100 s, wrangler dev's sooner).
 */
async function connectAll(
  opts: { apiUrl: string; token: string; headers: Record<string, string>; n: number; parallel: number },
  into: WebSocket[],
  onClose: () => void,
): Promise<void> {
  const url = `${opts.apiUrl.replace(/^http/, "ws")}/api/v1/ws?access_token=${opts.token}`;
  for (let i = 0; i < opts.n; i += opts.parallel) {
    const batch = Array.from({ length: Math.min(opts.parallel, opts.n - i) }, () => open(url, opts.headers));
    for (const ws of await Promise.all(batch)) {
      ws.once("close", (code: number, reason: Buffer) => {
        if (process.env.DIAG) console.log("DIAGCLOSE", new Date().toISOString(), code, String(reason), into.length);
        onClose();
      });
      into.push(ws);
    }
  }
}

function open(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once("message", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

async function call<T = unknown>(
  ctx: BenchContext,
  path: string,
  init: { headers: Record<string, string>; body: unknown },
) {
  const res = await fetch(`${ctx.apiUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

const round = (x: number) => Math.round(x * 10) / 10;

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? round(Number(m[1]) / 1024) : Number.NaN;
}

/** The `workerd` process among the descendants of `root` (wrangler spawns it). */
function findWorkerd(root: number): number | undefined {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const m = /^(\d+) \((.*)\) \S+ (\d+)/.exec(stat);
      if (!m) continue;
      names.set(Number(m[1]), m[2] as string);
      children.set(Number(m[3]), [...(children.get(Number(m[3])) ?? []), Number(m[1])]);
    } catch {
      // the process ended meanwhile
    }
  }
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() as number;
    if (names.get(pid) === "workerd") return pid;
    queue.push(...(children.get(pid) ?? []));
  }
  return undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ctx: BenchContext = {
    apiUrl: process.env.BENCH_API_URL ?? "http://127.0.0.1:8787",
    platformKey: process.env.PLATFORM_API_KEY ?? "",
    workerdPid: process.env.WORKERD_PID ? Number(process.env.WORKERD_PID) : undefined,
  };
  run(ctx).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
