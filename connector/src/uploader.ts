import { encodeMessage, type Refused } from "../../src/protocol/index.ts";
import type { SampleBuffer } from "./buffer.ts";
import type { Logger } from "./log.ts";

export interface UploaderOptions {
  buffer: SampleBuffer;
  /** Sends a frame now; false when offline (nothing is queued for samples: the buffer is the queue). */
  send(text: string): boolean;
  log: Logger;
  /** Batches sent and not yet acknowledged. */
  maxInFlight?: number;
  /** A batch not acknowledged by then is sent again (the cloud de-duplicates on seq). */
  ackTimeoutMs?: number;
  now?: () => number;
}

/**
 * Moves buffered samples to the cloud: while online, keeps up to `maxInFlight` batches in flight,
 * oldest first; a batch leaves the buffer only when its `ack` arrives. After a disconnect every
 * unacknowledged batch is sent again.
 *
 * A batch the cloud `refused` (nothing of it was stored): when the refusal is retryable (over the
 * connector's budget, the tenant at its cap) the batch stays in the buffer and uploads pause for the
 * `retryAfterMs` the cloud named; the buffer stays bounded meanwhile (its oldest segments are dropped
 * when full). When it is not (a batch larger than the budget, samples outside the time window the
 * cloud stores: retrying cannot help) the batch is deleted and counted as dropped. Both are logged.
 */
export class Uploader {
  readonly #o: Required<UploaderOptions>;
  readonly #inFlight = new Map<string, NodeJS.Timeout>();
  #online = false;
  #pumping: Promise<void> | undefined;
  #again = false;
  /** Uploads wait until then (epoch ms): the cloud asked us to slow down. */
  #resumeAt = 0;
  #resumeTimer: NodeJS.Timeout | undefined;

  constructor(options: UploaderOptions) {
    this.#o = {
      ...options,
      maxInFlight: options.maxInFlight ?? 2,
      ackTimeoutMs: options.ackTimeoutMs ?? 60_000,
      now: options.now ?? Date.now,
    };
  }

  onConnected(): void {
    this.#online = true;
    void this.pump();
  }

  onDisconnected(): void {
    this.#online = false;
    for (const t of this.#inFlight.values()) clearTimeout(t);
    this.#inFlight.clear();
  }

  async onAck(batchId: string): Promise<void> {
    clearTimeout(this.#inFlight.get(batchId));
    this.#inFlight.delete(batchId);
    await this.#o.buffer.ack(batchId);
    await this.pump();
  }

  async onRefused(refused: Refused): Promise<void> {
    const { batchId } = refused;
    if (batchId === undefined) return;
    clearTimeout(this.#inFlight.get(batchId));
    this.#inFlight.delete(batchId);
    const { log, buffer } = this.#o;
    const why = { batchId, code: refused.code, reason: refused.message };
    if (!refused.retryable) {
      const dropped = await buffer.discard(batchId);
      log.error("the cloud refused a samples batch for good; it is dropped", { ...why, dropped });
      await this.pump();
      return;
    }
    const waitMs = refused.retryAfterMs ?? this.#o.ackTimeoutMs;
    log.warn("the cloud refused a samples batch; kept, uploads paused", { ...why, retryAfterMs: waitMs });
    this.#resumeAt = Math.max(this.#resumeAt, this.#o.now() + waitMs);
    clearTimeout(this.#resumeTimer);
    this.#resumeTimer = setTimeout(() => void this.pump(), Math.max(0, this.#resumeAt - this.#o.now()));
    this.#resumeTimer.unref();
  }

  /** Sends what it can; concurrent calls coalesce into one more round. */
  pump(): Promise<void> {
    if (this.#pumping) {
      this.#again = true;
      return this.#pumping;
    }
    this.#pumping = (async () => {
      do {
        this.#again = false;
        await this.#round();
      } while (this.#again);
    })().finally(() => {
      this.#pumping = undefined;
    });
    return this.#pumping;
  }

  async #round(): Promise<void> {
    const { buffer, maxInFlight, ackTimeoutMs, send, log } = this.#o;
    while (this.#online && this.#inFlight.size < maxInFlight && this.#o.now() >= this.#resumeAt) {
      const batch = await buffer.nextBatch(new Set(this.#inFlight.keys()));
      if (!batch || !this.#online) return;
      const text = encodeMessage({
        type: "samples",
        batchId: batch.batchId,
        samples: batch.samples,
        droppedSamples: buffer.stats().dropped,
      });
      if (!send(text)) return;
      const timer = setTimeout(() => {
        log.warn("samples batch not acknowledged; sending again", { batchId: batch.batchId });
        this.#inFlight.delete(batch.batchId);
        void this.pump();
      }, ackTimeoutMs);
      timer.unref();
      this.#inFlight.set(batch.batchId, timer);
      log.debug("samples batch sent", { batchId: batch.batchId, samples: batch.samples.length });
    }
  }
}
