import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type Sample, SampleSchema } from "../../src/protocol/index.ts";
import { writeFileAtomic } from "./state-dir.ts";

/** A sample before it is buffered; the buffer gives it its `seq`. */
export type NewSample = Omit<Sample, "seq">;

const MetaSchema = z.object({
  nextSeq: z.number().int().nonnegative(),
  nextSegment: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
});
type Meta = z.infer<typeof MetaSchema>;

/** `s000000000042-n1000.json`: segment number and sample count in the name, so opening needs no reads. */

/** Samples per segment (= per upload batch); the protocol allows 20 000 per `samples` message. */
export const MAX_BATCH = 5_000;
const SEGMENT_RE = /^s(\d{12})-n(\d+)\.json$/;

interface Segment {
  id: string;
  file: string;
  count: number;
}

export interface BufferStats {
  segments: number;
  samples: number;
  dropped: number;
}

/**
 * Bandwidth samples on disk until the cloud acknowledges them. Every poll's samples become one
 * segment file (one upload batch, `batchId` = segment id); a segment is deleted only when the cloud
 * `ack`s its batch id. Bounded by `maxSamples`: when full, the oldest segments are dropped first
 * and counted in `dropped` (reported to the cloud with each batch).
 *
 * `seq` is unique per connector across restarts: the next value is persisted (meta.json) before the
 * segment that uses it is written, so a crash can skip numbers but never reuse one — the cloud
 * de-duplicates on (connector, router, seq) and would otherwise discard new samples as repeats.
 * At open it also jumps to at least the current time in microseconds (see `open`).
 */
export class SampleBuffer {
  readonly #dir: string;
  readonly #maxSamples: number;
  #meta: Meta;
  #segments: Segment[];
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, maxSamples: number, meta: Meta, segments: Segment[]) {
    this.#dir = dir;
    this.#maxSamples = maxSamples;
    this.#meta = meta;
    this.#segments = segments;
  }

  static async open(dir: string, options: { maxSamples?: number } = {}): Promise<SampleBuffer> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    let meta: Meta | undefined;
    try {
      const parsed = MetaSchema.safeParse(JSON.parse(await readFile(join(dir, "meta.json"), "utf8")));
      if (parsed.success) meta = parsed.data;
    } catch {
      // First start (or an unreadable meta file): start from the segment files alone.
    }
    const lost = meta === undefined;
    meta ??= { nextSeq: 0, nextSegment: 0, dropped: 0 };
    const segments: Segment[] = [];
    for (const file of (await readdir(dir)).sort()) {
      const m = SEGMENT_RE.exec(file);
      if (!m) continue;
      const n = Number(m[1]);
      segments.push({ id: `s${m[1]}`, file, count: Number(m[2]) });
      meta.nextSegment = Math.max(meta.nextSegment, n + 1);
    }
    // If meta.json was lost (or the state dir wiped and the credential restored), counting from zero
    // would reuse seqs the cloud already has. Segments still on disk hold the newest seqs (the last
    // segment's last sample is the highest), and microseconds since the epoch are ahead of any seq
    // an earlier run could have sent (it makes far fewer than 1000 samples per millisecond).
    const newest = segments.at(-1);
    if (lost && newest) meta.nextSeq = await seqAfter(dir, newest);
    meta.nextSeq = Math.max(meta.nextSeq, Date.now() * 1000);
    return new SampleBuffer(dir, options.maxSamples ?? 500_000, meta, segments);
  }

  /** Serializes every change, so meta.json and the segment files always agree. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.#chain.then(fn);
    this.#chain = p.catch(() => {});
    return p;
  }

  stats(): BufferStats {
    return {
      segments: this.#segments.length,
      samples: this.#segments.reduce((n, s) => n + s.count, 0),
      dropped: this.#meta.dropped,
    };
  }

  /**
   * Stores one poll's samples as new segment(s) of at most `MAX_BATCH` samples (a batch must stay
   * within the protocol's limit); returns them with their `seq`.
   */
  append(samples: readonly NewSample[]): Promise<Sample[]> {
    return this.#serial(async () => {
      const out: Sample[] = [];
      for (let i = 0; i < samples.length; i += MAX_BATCH) {
        out.push(...(await this.#appendSegment(samples.slice(i, i + MAX_BATCH))));
      }
      await this.#enforceBound();
      return out;
    });
  }

  async #appendSegment(samples: readonly NewSample[]): Promise<Sample[]> {
    const firstSeq = this.#meta.nextSeq;
    const segNo = this.#meta.nextSegment;
    const withSeq = samples.map((s, i) => ({ ...s, seq: firstSeq + i }));
    this.#meta = { ...this.#meta, nextSeq: firstSeq + samples.length, nextSegment: segNo + 1 };
    await this.#writeMeta();
    const id = `s${String(segNo).padStart(12, "0")}`;
    const file = `${id}-n${withSeq.length}.json`;
    await writeFileAtomic(join(this.#dir, file), JSON.stringify(withSeq));
    this.#segments.push({ id, file, count: withSeq.length });
    return withSeq;
  }

  async #enforceBound(): Promise<void> {
    let total = this.stats().samples;
    let dropped = 0;
    // Keep the newest segment even if it alone exceeds the bound.
    while (total > this.#maxSamples && this.#segments.length > 1) {
      const oldest = this.#segments.shift();
      if (!oldest) break;
      total -= oldest.count;
      dropped += oldest.count;
      await rm(join(this.#dir, oldest.file), { force: true });
    }
    if (dropped > 0) {
      this.#meta = { ...this.#meta, dropped: this.#meta.dropped + dropped };
      await this.#writeMeta();
    }
  }

  #writeMeta(): Promise<void> {
    return writeFileAtomic(join(this.#dir, "meta.json"), JSON.stringify(this.#meta));
  }

  /** The oldest segment not in `exclude` (batches already in flight), as an upload batch. */
  nextBatch(exclude: ReadonlySet<string>): Promise<{ batchId: string; samples: Sample[] } | undefined> {
    return this.#serial(async () => {
      for (const seg of this.#segments) {
        if (exclude.has(seg.id)) continue;
        try {
          const parsed = z.array(SampleSchema).safeParse(JSON.parse(await readFile(join(this.#dir, seg.file), "utf8")));
          if (parsed.success) return { batchId: seg.id, samples: parsed.data };
        } catch {
          // Unreadable: fall through and discard it below.
        }
        this.#segments = this.#segments.filter((s) => s !== seg);
        await rm(join(this.#dir, seg.file), { force: true });
      }
      return undefined;
    });
  }

  /**
   * The cloud refused the batch for good (it will never take it): delete it and count its samples
   * as dropped, as if the buffer had overflowed. Returns how many samples went.
   */
  discard(batchId: string): Promise<number> {
    return this.#serial(async () => {
      const seg = this.#segments.find((s) => s.id === batchId);
      if (!seg) return 0;
      this.#segments = this.#segments.filter((s) => s !== seg);
      this.#meta = { ...this.#meta, dropped: this.#meta.dropped + seg.count };
      await rm(join(this.#dir, seg.file), { force: true });
      await this.#writeMeta();
      return seg.count;
    });
  }

  /** The cloud has stored the batch: delete it. Unknown ids (already dropped or acked) are ignored. */
  ack(batchId: string): Promise<boolean> {
    return this.#serial(async () => {
      const seg = this.#segments.find((s) => s.id === batchId);
      if (!seg) return false;
      this.#segments = this.#segments.filter((s) => s !== seg);
      await rm(join(this.#dir, seg.file), { force: true });
      return true;
    });
  }
}

/** The seq after the last sample of `segment` (0 if it is unreadable). */
async function seqAfter(dir: string, segment: Segment): Promise<number> {
  try {
    const parsed = z.array(SampleSchema).safeParse(JSON.parse(await readFile(join(dir, segment.file), "utf8")));
    const last = parsed.success ? parsed.data.at(-1) : undefined;
    return last ? last.seq + 1 : 0;
  } catch {
    return 0;
  }
}
