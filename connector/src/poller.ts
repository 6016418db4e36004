import { type Health, parseManagedComment } from "../../src/protocol/index.ts";
import type { NewSample } from "./buffer.ts";
import { counterDelta, parseCounterPair, parseRatePair } from "./counters.ts";
import type { Logger } from "./log.ts";
import { parseDuration } from "./routeros/duration.ts";
import type { RouterApi } from "./routeros/session.ts";

/** Runs `fn` every `ms` until the returned stop is called (tests inject one that does not sleep). */
export type Every = (ms: number, fn: () => void) => () => void;

export const everyInterval: Every = (ms, fn) => {
  const timer = setInterval(fn, ms);
  return () => clearInterval(timer);
};

export interface PollerDeps {
  routers(): { routerId: string; api: RouterApi }[];
  onSamples(samples: NewSample[]): Promise<unknown>;
  onHealth(health: Health): void;
  onInfo(routerId: string, info: { identity?: string; version?: string }): void;
  log: Logger;
  now?: () => Date;
  every?: Every;
}

interface RouterCounters {
  /** False until the first successful read: those counters are a baseline, not traffic. */
  baselined: boolean;
  /** Last `bytes` per queue name: [up, down]. */
  last: Map<string, [bigint, bigint]>;
  /** PPP secret name → our customer id, for dynamic `<pppoe-NAME>` queues (they carry no comment). */
  secretRefs: Map<string, string>;
  secretRefsAt: number;
}

/** How often the secret → customer map is re-read (a new customer also triggers a re-read). */
const SECRET_REFS_MAX_AGE_MS = 5 * 60_000;
const DYNAMIC_QUEUE = /^<pppoe-(.+)>$/;

/**
 * Reads every router on an interval: `/queue/simple/print` (one call covers all customers) for
 * bandwidth, `/system/resource/print` and `/system/identity/print` for health. Counters become
 * deltas (see `counterDelta`); idle customers (no bytes, no rate) produce no sample.
 *
 * A queue belongs to a customer when its comment is ours (`rtrw:<customer id>`) or when it is the
 * dynamic `<pppoe-NAME>` queue RouterOS makes for a PPPoE session and secret NAME is ours.
 */
export class Poller {
  readonly #deps: PollerDeps;
  readonly #state = new Map<string, RouterCounters>();
  #stopTimer: (() => void) | undefined;
  #intervalMs = 30_000;
  #running: Promise<void> | undefined;

  constructor(deps: PollerDeps) {
    this.#deps = deps;
  }

  /** Polls every `intervalMs` (the cloud's `config.pollIntervalMs`: the tenant's setting); a new call replaces the old timer. */
  start(intervalMs: number): void {
    this.#intervalMs = intervalMs;
    this.stop();
    this.#stopTimer = (this.#deps.every ?? everyInterval)(intervalMs, () => void this.pollAll());
  }

  get intervalMs(): number {
    return this.#intervalMs;
  }

  stop(): void {
    this.#stopTimer?.();
    this.#stopTimer = undefined;
  }

  /** One round over all routers; a round still running is not overlapped. */
  pollAll(): Promise<void> {
    this.#running ??= Promise.all(
      this.#deps
        .routers()
        .map(({ routerId, api }) =>
          this.pollRouter(routerId, api).catch((e: unknown) =>
            this.#deps.log.warn("poll failed", { routerId, error: e instanceof Error ? e.message : String(e) }),
          ),
        ),
    ).then(
      () => {
        this.#running = undefined;
      },
      () => {
        this.#running = undefined;
      },
    );
    return this.#running;
  }

  async pollRouter(routerId: string, api: RouterApi): Promise<void> {
    const now = this.#deps.now?.() ?? new Date();
    const ts = now.toISOString();
    const state = this.#stateOf(routerId);
    const queues = await api.call(["/queue/simple/print", "=.proplist=name,comment,bytes,rate"]);
    await this.#refreshSecretRefs(api, state, queues, now.getTime());
    const samples: NewSample[] = [];
    const seen = new Set<string>();
    for (const q of queues) {
      const name = q.name;
      const bytes = parseCounterPair(q.bytes);
      if (name === undefined || !bytes) continue;
      seen.add(name);
      const previous = state.last.get(name);
      state.last.set(name, bytes);
      const customerRef = this.#customerOf(state, name, q.comment);
      // A queue first seen after the baseline was created since the last poll: it counted from zero.
      const from = previous ?? (state.baselined ? [0n, 0n] : undefined);
      if (customerRef === undefined || from === undefined) continue;
      const [up, down] = bytes;
      const [upRate, downRate] = parseRatePair(q.rate);
      // RouterOS counts from the customer's side: `up` is what they sent, `down` what they received.
      const rx = counterDelta(from[1], down);
      const tx = counterDelta(from[0], up);
      if (rx === 0n && tx === 0n && upRate === 0 && downRate === 0) continue;
      samples.push({
        routerId,
        ts,
        customerRef,
        rxBytes: rx.toString(),
        txBytes: tx.toString(),
        rxRateBps: downRate,
        txRateBps: upRate,
      });
    }
    for (const name of state.last.keys()) if (!seen.has(name)) state.last.delete(name);
    state.baselined = true;
    if (samples.length > 0) await this.#deps.onSamples(samples);
    await this.#pollHealth(routerId, api, ts);
  }

  async #pollHealth(routerId: string, api: RouterApi, ts: string): Promise<void> {
    const [res] = await api.call(["/system/resource/print", "=.proplist=uptime,version,cpu-load,free-memory"]);
    const [identity] = await api.call(["/system/identity/print"]);
    this.#deps.onInfo(routerId, { identity: identity?.name, version: res?.version });
    if (!res) return;
    const num = (v: string | undefined) => {
      const n = Number(v);
      return Number.isSafeInteger(n) && n >= 0 ? n : 0;
    };
    this.#deps.onHealth({
      type: "health",
      routerId,
      cpuLoad: Math.min(100, num(res["cpu-load"])),
      freeMemory: num(res["free-memory"]),
      uptime: parseDuration(res.uptime ?? "") ?? 0,
      ts,
    });
  }

  #stateOf(routerId: string): RouterCounters {
    let s = this.#state.get(routerId);
    if (!s) {
      s = { baselined: false, last: new Map(), secretRefs: new Map(), secretRefsAt: 0 };
      this.#state.set(routerId, s);
    }
    return s;
  }

  #customerOf(state: RouterCounters, queueName: string, comment: string | undefined): string | undefined {
    const own = parseManagedComment(comment);
    if (own !== undefined) return own;
    const user = DYNAMIC_QUEUE.exec(queueName)?.[1];
    return user === undefined ? undefined : state.secretRefs.get(user);
  }

  async #refreshSecretRefs(
    api: RouterApi,
    state: RouterCounters,
    queues: readonly Record<string, string>[],
    now: number,
  ): Promise<void> {
    const unknownUser = queues.some((q) => {
      const user = DYNAMIC_QUEUE.exec(q.name ?? "")?.[1];
      return user !== undefined && !state.secretRefs.has(user);
    });
    const stale = now - state.secretRefsAt > SECRET_REFS_MAX_AGE_MS;
    // An unknown user may be a customer added since the last read; but re-read at most once a minute for it.
    if (!stale && !(unknownUser && now - state.secretRefsAt > 60_000)) return;
    const secrets = await api.call(["/ppp/secret/print", "=.proplist=name,comment"]);
    state.secretRefs = new Map(
      secrets.flatMap((s) => {
        const ref = parseManagedComment(s.comment);
        return s.name !== undefined && ref !== undefined ? [[s.name, ref] as const] : [];
      }),
    );
    state.secretRefsAt = now;
  }
}
