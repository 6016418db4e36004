import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_BATCH, type NewSample, SampleBuffer } from "../../src/buffer.ts";
import { tempDir } from "../support/connector.ts";

const sample = (customerRef: string): NewSample => ({
  routerId: "r1",
  ts: "2026-01-01T00:00:00.000Z",
  customerRef,
  rxBytes: "10",
  txBytes: "1",
  rxRateBps: 0,
  txRateBps: 0,
});

describe("SampleBuffer", () => {
  it("keeps one segment per append, oldest first, until acked", async () => {
    const dir = await tempDir();
    const b = await SampleBuffer.open(dir);
    await b.append([sample("a"), sample("b")]);
    await b.append([sample("c")]);
    const first = await b.nextBatch(new Set());
    expect(first?.samples.map((s) => s.customerRef)).toEqual(["a", "b"]);
    const second = await b.nextBatch(new Set([first?.batchId ?? ""]));
    expect(second?.samples.map((s) => s.customerRef)).toEqual(["c"]);
    expect(await b.nextBatch(new Set([first?.batchId ?? "", second?.batchId ?? ""]))).toBeUndefined();
    expect(await b.ack(first?.batchId ?? "")).toBe(true);
    expect(await b.ack(first?.batchId ?? "")).toBe(false);
    expect(b.stats()).toEqual({ segments: 1, samples: 1, dropped: 0 });
  });

  it("is bounded: drops the oldest samples first and counts them", async () => {
    const b = await SampleBuffer.open(await tempDir(), { maxSamples: 4 });
    await b.append([sample("1"), sample("2")]);
    await b.append([sample("3"), sample("4")]);
    await b.append([sample("5"), sample("6")]);
    expect(b.stats()).toEqual({ segments: 2, samples: 4, dropped: 2 });
    expect((await b.nextBatch(new Set()))?.samples.map((s) => s.customerRef)).toEqual(["3", "4"]);
  });

  it("survives a restart: segments, the dropped count, and seqs that never repeat", async () => {
    const dir = await tempDir();
    const a = await SampleBuffer.open(dir, { maxSamples: 2 });
    const s1 = await a.append([sample("1"), sample("2")]);
    await a.append([sample("3")]);
    const b = await SampleBuffer.open(dir, { maxSamples: 2 });
    expect(b.stats()).toEqual({ segments: 1, samples: 1, dropped: 2 });
    const s2 = await b.append([sample("4")]);
    const seqs = [...s1, ...s2].map((s) => s.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(s2[0]?.seq).toBeGreaterThan(s1[1]?.seq ?? Number.POSITIVE_INFINITY);
    expect((await readdir(dir)).sort()).toEqual(["meta.json", "s000000000001-n1.json", "s000000000002-n1.json"]);
  });

  it("does not reuse seqs even when its meta file is lost", async () => {
    const dir = await tempDir();
    const a = await SampleBuffer.open(dir);
    const [first] = await a.append([sample("1")]);
    const { rm } = await import("node:fs/promises");
    await rm(join(dir, "meta.json"));
    const [again] = await (await SampleBuffer.open(dir)).append([sample("2")]);
    expect(again?.seq).toBeGreaterThan(first?.seq ?? 0);
  });

  it("splits a large poll into batches the protocol accepts", async () => {
    const b = await SampleBuffer.open(await tempDir());
    const stored = await b.append(Array.from({ length: MAX_BATCH + 1 }, (_, i) => sample(`c${i}`)));
    expect(stored).toHaveLength(MAX_BATCH + 1);
    expect(b.stats()).toMatchObject({ segments: 2, samples: MAX_BATCH + 1 });
    expect((await b.nextBatch(new Set()))?.samples).toHaveLength(MAX_BATCH);
  });
});
