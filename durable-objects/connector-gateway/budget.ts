import { z } from "zod";
import type { RefusalCode, Refused, Samples } from "../../src/protocol";
import type { ConnectorLoad } from "../../src/services/connectors/load";
import { MAX_SAMPLE_AHEAD_MS, sampleOutOfRange, samplesPerMinute } from "../../src/services/monitoring/limits";

/** A token bucket's level at an instant (epoch ms). */
const BucketSchema = z.object({ tokens: z.number(), at: z.number() });
type Bucket = z.infer<typeof BucketSchema>;

/** A bucket's shape: it holds `burst` tokens at most and gains `refill` every `everyMs`. */
export interface Rate {
  burst: number;
  refill: number;
  everyMs: number;
}

/**
 * `hello` is answered by re-reading the routers and decrypting their passwords: a connector says it
 * when it connects and after each `config` (two a connect, one per router change), so six a
 * minute is plenty.
 */
export const HELLO_RATE: Rate = { burst: 6, refill: 6, everyMs: 60_000 };

/**
 * Frames a connector may send: each poll brings a `health` per router, a `devices` round and its
 * samples batches, at most every 10 s. The burst takes a whole poll of every router twice over, the
 * rate a poll's worth every two seconds (five times the fastest healthy pace). Results the gateway
 * is waiting for are not counted: they answer its own commands.
 */
export function frameRate(routers: number): Rate {
  return { burst: 100 + 2 * routers, refill: 10 + routers / 2, everyMs: 1000 };
}

/** Samples: a minute's budget (see `samplesPerMinute`) at once at most, refilled over the minute. */
export function sampleRate(customers: number, floor: number): Rate {
  const perMinute = samplesPerMinute(customers, floor);
  return { burst: perMinute, refill: perMinute, everyMs: 60_000 };
}

/** The count of connector load is refreshed this often (customers added since then widen the budget). */
export const LOAD_MAX_AGE_MS = 5 * 60_000;

const StateSchema = z.object({
  frames: BucketSchema.optional(),
  hellos: BucketSchema.optional(),
  samples: BucketSchema.optional(),
  load: z.object({ routers: z.number(), customers: z.number(), at: z.number() }).optional(),
});
type State = z.infer<typeof StateSchema>;

/** Where the state lives across hibernation (the gateway's SQLite meta table). */
export interface BudgetStore {
  get(): string | null;
  set(value: string): void;
}

export type Verdict =
  | { ok: true }
  | { ok: false; code: RefusalCode; message: string; retryable: boolean; retryAfterMs?: number };

/**
 * Takes `n` tokens if the bucket holds them now. A refusal says when they will be there (never,
 * when `n` exceeds the burst: the caller refuses that as too large before asking).
 */
export function take(bucket: Bucket | undefined, rate: Rate, n: number, now: number) {
  const gained = bucket ? (Math.max(0, now - bucket.at) * rate.refill) / rate.everyMs : rate.burst;
  const level = Math.min(rate.burst, (bucket?.tokens ?? 0) + gained);
  // A rounding shortfall (a refill split over several reads) is not a refusal.
  if (level + 1e-6 >= n) return { ok: true as const, bucket: { tokens: Math.max(0, level - n), at: now } };
  const retryAfterMs = Math.ceil(((n - level) * rate.everyMs) / rate.refill);
  return { ok: false as const, bucket: { tokens: level, at: now }, retryAfterMs };
}

/**
 * One connector's upload budget (issue 11 item 2): frames per second, `hello`s per minute, and
 * samples per minute sized from the customers behind its routers; plus the samples' time window.
 * Persisted in the gateway's storage, so neither hibernation nor a reconnect refills it; the clock
 * is injected, so tests move time instead of sleeping.
 */
export class ConnectorBudget {
  readonly #store: BudgetStore;
  readonly #now: () => number;
  #state: State | undefined;

  constructor(store: BudgetStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  #read(): State {
    if (this.#state) return this.#state;
    let parsed: State = {};
    try {
      const raw = this.#store.get();
      if (raw) parsed = StateSchema.parse(JSON.parse(raw));
    } catch {
      // Unreadable: start with full buckets.
    }
    this.#state = parsed;
    return parsed;
  }

  #write(next: State): void {
    this.#state = next;
    this.#store.set(JSON.stringify(next));
  }

  /** True when the routers/customers count is missing or older than `LOAD_MAX_AGE_MS`. */
  loadStale(): boolean {
    const load = this.#read().load;
    return !load || this.#now() - load.at > LOAD_MAX_AGE_MS;
  }

  setLoad(load: ConnectorLoad): void {
    this.#write({ ...this.#read(), load: { ...load, at: this.#now() } });
  }

  /** One frame (any but an awaited result). */
  frame(): Verdict {
    const state = this.#read();
    const t = take(state.frames, frameRate(state.load?.routers ?? 0), 1, this.#now());
    this.#write({ ...state, frames: t.bucket });
    if (t.ok) return { ok: true };
    return {
      ok: false,
      code: "frame_rate",
      message: "too many frames per second from this connector",
      retryable: true,
      retryAfterMs: t.retryAfterMs,
    };
  }

  hello(): Verdict {
    const state = this.#read();
    const t = take(state.hellos, HELLO_RATE, 1, this.#now());
    this.#write({ ...state, hellos: t.bucket });
    if (t.ok) return { ok: true };
    return {
      ok: false,
      code: "hello_rate",
      message: `more than ${HELLO_RATE.burst} hello a minute; the config is not sent again`,
      retryable: true,
      retryAfterMs: t.retryAfterMs,
    };
  }

  /**
   * A samples batch: refused whole when it is larger than the connector's per-minute budget (it
   * never fits), when a sample lies outside the storable time window (it never will), or when the
   * budget holds too few samples now (retry after the time it takes to refill).
   */
  samples(batch: Samples, limits: { rawDays: number; floor: number }): Verdict {
    const state = this.#read();
    const now = this.#now();
    const rate = sampleRate(state.load?.customers ?? 0, limits.floor);
    const n = batch.samples.length;
    if (n > rate.burst) {
      return {
        ok: false,
        code: "too_large",
        message: `a batch of ${n} samples exceeds this connector's budget of ${rate.burst} a minute`,
        retryable: false,
      };
    }
    const outside = sampleOutOfRange(batch.samples, now, limits.rawDays);
    if (outside) {
      return {
        ok: false,
        code: "timestamp_range",
        message:
          `sample ts ${outside.ts} is more than ${MAX_SAMPLE_AHEAD_MS / 60_000} minutes ahead of ` +
          `${new Date(now).toISOString()} or older than the ${limits.rawDays}-day retention; is this machine's clock right?`,
        retryable: false,
      };
    }
    const t = take(state.samples, rate, n, now);
    this.#write({ ...state, samples: t.bucket });
    if (t.ok) return { ok: true };
    return {
      ok: false,
      code: "sample_budget",
      message: `more than ${rate.burst} samples a minute from this connector`,
      retryable: true,
      retryAfterMs: t.retryAfterMs,
    };
  }
}

/** The `refused` message for a frame the budget (or the tenant cap) did not take. */
export function refusal(frame: { type: string; batchId?: string }, verdict: Exclude<Verdict, { ok: true }>): Refused {
  return {
    type: "refused",
    code: verdict.code,
    message: verdict.message,
    frame: frame.type,
    ...(frame.batchId ? { batchId: frame.batchId } : {}),
    retryable: verdict.retryable,
    ...(verdict.retryAfterMs !== undefined ? { retryAfterMs: Math.min(verdict.retryAfterMs, 86_400_000) } : {}),
  };
}
