import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openBackup, sealBackup } from "../../../src/services/backups/codec";
import { fitMetadata, MIN_PART_SIZE, writeObject } from "../../../src/services/backups/object-writer";
import { collect, freshKey, sha256Hex, streamOf } from "./support";

const bucket = (env as unknown as { BACKUPS: R2Bucket }).BACKUPS;

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(out.subarray(at, Math.min(n, at + 65536)));
  return out;
}

/** Streams `bytes`, then fails after `failAfter` bytes if given (a database dying mid-export). */
function source(bytes: Uint8Array, failAfter?: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull: (c) => {
      if (failAfter !== undefined && at >= failAfter) return c.error(new Error("connection lost"));
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + 65536));
      at += 65536;
    },
  });
}

describe("writeObject", () => {
  it("streams a large object as a multipart upload of equal parts, byte for byte", async () => {
    const bytes = randomBytes(2 * MIN_PART_SIZE + 123_457);
    const key = `test/${crypto.randomUUID()}.bin`;
    const result = await writeObject(bucket, key, source(bytes), {
      partSize: MIN_PART_SIZE,
      metadata: { backupId: "b" },
      finalMetadata: async () => ({ late: "x" }),
    });
    expect(result.multipart).toBe(true);
    const stored = (await bucket.get(key)) as R2ObjectBody;
    expect(stored.size).toBe(bytes.length);
    expect(stored.customMetadata).toEqual({ backupId: "b" });
    expect(await sha256Hex(new Uint8Array(await stored.arrayBuffer()))).toBe(await sha256Hex(bytes));
    await bucket.delete(key);
  });

  it("writes a small object in one put with the metadata known at the end", async () => {
    const key = `test/${crypto.randomUUID()}.bin`;
    const result = await writeObject(bucket, key, source(randomBytes(1000)), {
      metadata: { backupId: "b" },
      finalMetadata: async () => ({ sha: "abc" }),
    });
    expect(result.multipart).toBe(false);
    expect((await bucket.head(key))?.customMetadata).toEqual({ backupId: "b", sha: "abc" });
    await bucket.delete(key);
  });

  it("leaves no object behind when the source fails, in one part or many", async () => {
    for (const failAfter of [65536, MIN_PART_SIZE + 3 * 65536]) {
      const key = `test/${crypto.randomUUID()}.bin`;
      const write = writeObject(bucket, key, source(randomBytes(2 * MIN_PART_SIZE), failAfter), {
        metadata: {},
        finalMetadata: async () => ({}),
      });
      await expect(write).rejects.toThrow(/connection lost/);
      expect(await bucket.head(key)).toBeNull();
    }
  });

  it("a sealed backup larger than a part survives the multipart round trip", async () => {
    const plain = randomBytes(MIN_PART_SIZE + 300_000); // incompressible: the object is larger than a part
    const key = await freshKey();
    const objectKey = `test/${crypto.randomUUID()}.bin`;
    const sealed = sealBackup(streamOf(plain, 65536), key, "t/b");
    const result = await writeObject(bucket, objectKey, sealed.stream, {
      partSize: MIN_PART_SIZE,
      metadata: {},
      finalMetadata: async () => ({}),
    });
    expect(result.multipart).toBe(true);
    const stored = (await bucket.get(objectKey)) as R2ObjectBody;
    const opened = openBackup(stored.body, key, "t/b");
    expect(await sha256Hex(await collect(opened.stream))).toBe(await sha256Hex(plain));
    expect((await opened.stats).ciphertextSha256).toBe((await sealed.stats).ciphertextSha256);
    await bucket.delete(objectKey);
  });

  it("drops optional metadata that would not fit R2's 2 KiB", () => {
    const fitted = fitMetadata({ id: "x" }, { rowCounts: "y".repeat(3000), sha: "abc" });
    expect(fitted).toEqual({ id: "x", sha: "abc" });
  });
});
