import type { Result } from "../../src/protocol";
import type { RequestOutcome } from "./types";

interface Waiter {
  resolve(outcome: RequestOutcome): void;
  timer: ReturnType<typeof setTimeout>;
  /** Others asking under the same command id (a retry while the first ask still waits) hear the same outcome. */
  joined: ((outcome: RequestOutcome) => void)[];
}

/**
 * Synchronous requests (session lookup, router test, reconciliation's listing) waiting for their
 * result. In memory only: the caller's RPC keeps the object awake while it waits, and a request is
 * never replayed after a reconnect (the caller gets `offline` and may ask again).
 */
export class PendingRequests {
  readonly #waiting = new Map<string, Waiter>();

  wait(id: string, timeoutMs: number): Promise<RequestOutcome> {
    const existing = this.#waiting.get(id);
    if (existing) return new Promise((resolve) => existing.joined.push(resolve));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        notify(waiter, { kind: "timeout" });
      }, timeoutMs);
      const waiter: Waiter = { resolve, timer, joined: [] };
      this.#waiting.set(id, waiter);
    });
  }

  /** True while a request waits for this command id. */
  has(id: string): boolean {
    return this.#waiting.has(id);
  }

  /** True when the result answered a pending request. */
  settle(result: Result): boolean {
    const w = this.#waiting.get(result.commandId);
    if (!w) return false;
    this.#waiting.delete(result.commandId);
    clearTimeout(w.timer);
    if (result.ok) notify(w, { kind: "ok", data: result.data ?? null });
    else
      notify(w, {
        kind: "error",
        error: result.error ?? { code: "internal", message: "failed without an error", retryable: true },
      });
    return true;
  }

  settleAll(outcome: RequestOutcome): void {
    for (const [id, w] of this.#waiting) {
      clearTimeout(w.timer);
      notify(w, outcome);
      this.#waiting.delete(id);
    }
  }
}

function notify(w: Waiter, outcome: RequestOutcome): void {
  w.resolve(outcome);
  for (const r of w.joined) r(outcome);
}
