import type { Result } from "../../src/protocol";
import type { RequestOutcome } from "./types";

interface Waiter {
  resolve(outcome: RequestOutcome): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Synchronous requests (session lookup, router test, reconciliation's listing) waiting for their
 * result. In memory only: the caller's RPC keeps the object awake while it waits, and a request is
 * never replayed after a reconnect (the caller gets `offline` and may ask again).
 */
export class PendingRequests {
  readonly #waiting = new Map<string, Waiter>();

  wait(id: string, timeoutMs: number): Promise<RequestOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        resolve({ kind: "timeout" });
      }, timeoutMs);
      this.#waiting.set(id, { resolve, timer });
    });
  }

  /** True when the result answered a pending request. */
  settle(result: Result): boolean {
    const w = this.#waiting.get(result.commandId);
    if (!w) return false;
    this.#waiting.delete(result.commandId);
    clearTimeout(w.timer);
    if (result.ok) w.resolve({ kind: "ok", data: result.data ?? null });
    else
      w.resolve({
        kind: "error",
        error: result.error ?? { code: "internal", message: "failed without an error", retryable: true },
      });
    return true;
  }

  settleAll(outcome: RequestOutcome): void {
    for (const [id, w] of this.#waiting) {
      clearTimeout(w.timer);
      w.resolve(outcome);
      this.#waiting.delete(id);
    }
  }
}
