import { encodeMessage } from "../../src/protocol/index.ts";
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
}

/**
 * Moves buffered samples to the cloud: while online, keeps up to `maxInFlight` batches in flight,
 * oldest first; a batch leaves the buffer only when its `ack` arrives. After a disconnect every
 * unacknowledged batch is sent again.
 */
export class Uploader {
  readonly #o: Required<UploaderOptions>;
  readonly #inFlight = new Map<string, NodeJS.Timeout>();
  #online = false;
  #pumping: Promise<void> | undefined;
  #again = false;

  constructor(options: UploaderOptions) {
    this.#o = { ...options, maxInFlight: options.maxInFlight ?? 2, ackTimeoutMs: options.ackTimeoutMs ?? 60_000 };
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
    while (this.#online && this.#inFlight.size < maxInFlight) {
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
