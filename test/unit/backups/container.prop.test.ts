import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { openBackup, sealBackup } from "../../../src/services/backups/codec";
import {
  BackupIntegrityError,
  decryptContainer,
  HEADER_BYTES,
  MAGIC,
  TAG_BYTES,
} from "../../../src/services/backups/container";
import { collect, freshKey, sha256Hex, streamOf } from "./support";

const encoder = new TextEncoder();

/** JSON lines like an export's: random rows, each repeated (real tables are full of repetition). */
const exportText = fc
  .tuple(
    fc.array(fc.record({ id: fc.uuid(), name: fc.string({ maxLength: 40 }), amount: fc.integer(), ok: fc.boolean() }), {
      minLength: 1,
      maxLength: 30,
    }),
    fc.integer({ min: 4, max: 12 }),
  )
  .map(([rows, times]) => {
    const marker = `marker-${crypto.randomUUID()}`;
    const lines = Array.from({ length: times }, () => rows.map((r) => JSON.stringify({ ...r, marker }))).flat();
    return { text: `${lines.join("\n")}\n`, marker };
  });

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

async function gunzips(bytes: Uint8Array): Promise<boolean> {
  try {
    await collect(streamOf(bytes).pipeThrough(new DecompressionStream("gzip")));
    return true;
  } catch {
    return false;
  }
}

describe("backup container", () => {
  // Property 54: Backup Compression and Encryption
  test.prop([exportText, fc.constantFrom(1024, 4096, 65536)], { numRuns: 100 })(
    "the stored object is compressed and encrypted: unreadable, smaller than the export, and opens back to it",
    async ({ text, marker }, chunkSize) => {
      const plain = encoder.encode(text);
      const key = await freshKey();
      const sealed = sealBackup(streamOf(plain, 777), key, "tenant/backup", chunkSize);
      const stored = await collect(sealed.stream);
      const stats = await sealed.stats;

      // Encrypted: our container, neither JSON nor gzip, no plaintext visible, not even the payload gunzips.
      expect(stored.subarray(0, 8)).toEqual(MAGIC);
      expect(() => JSON.parse(new TextDecoder().decode(stored))).toThrow();
      expect(stored[0] === 0x1f && stored[1] === 0x8b).toBe(false);
      expect(indexOf(stored, encoder.encode(marker))).toBe(-1);
      expect(await gunzips(stored.subarray(HEADER_BYTES))).toBe(false);
      // Compressed: smaller than the plain export.
      expect(stats.compressedBytes).toBeLessThan(plain.length);
      expect(stored.length).toBeLessThan(plain.length);
      expect(stats).toMatchObject({
        plaintextBytes: plain.length,
        plaintextSha256: await sha256Hex(plain),
        ciphertextBytes: stored.length,
        ciphertextSha256: await sha256Hex(stored),
      });
      // And it opens back to exactly the export.
      const opened = openBackup(streamOf(stored, 500), key, "tenant/backup");
      expect(new TextDecoder().decode(await collect(opened.stream))).toBe(text);
      expect(await opened.stats).toEqual({
        plaintextBytes: plain.length,
        plaintextSha256: stats.plaintextSha256,
        ciphertextBytes: stored.length,
        ciphertextSha256: stats.ciphertextSha256,
      });
      // A fresh IV per backup: the same export never gives the same object twice.
      const again = await collect(sealBackup(streamOf(plain), key, "tenant/backup", chunkSize).stream);
      expect(await sha256Hex(again)).not.toBe(stats.ciphertextSha256);
    },
  );

  type Tamper =
    | { kind: "flip"; at: number; mask: number }
    | { kind: "truncate"; keep: number }
    | { kind: "cutAtChunk"; chunks: number }
    | { kind: "append"; extra: number[] }
    | { kind: "swap" | "drop"; a: number; b: number }
    | { kind: "wrongKey" }
    | { kind: "wrongContext" };

  const tamper: fc.Arbitrary<Tamper> = fc.oneof(
    fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant("truncate" as const), keep: fc.nat() }),
    fc.record({ kind: fc.constant("cutAtChunk" as const), chunks: fc.nat() }),
    fc.record({
      kind: fc.constant("append" as const),
      extra: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
    }),
    fc.record({ kind: fc.constantFrom("swap" as const, "drop" as const), a: fc.nat(), b: fc.nat() }),
    fc.record({ kind: fc.constantFrom("wrongKey" as const, "wrongContext" as const) }),
  );

  /** Applies a tamper; null when it would not change anything (e.g. swapping a chunk with itself). */
  function apply(stored: Uint8Array, t: Tamper, chunkSize: number): Uint8Array | null {
    const sealedChunk = chunkSize + TAG_BYTES;
    const fullChunks = Math.floor((stored.length - HEADER_BYTES - 1) / sealedChunk);
    switch (t.kind) {
      case "flip": {
        const out = stored.slice();
        const at = t.at % out.length;
        out[at] = (out[at] as number) ^ t.mask;
        return out;
      }
      case "truncate":
        return stored.slice(0, t.keep % stored.length);
      case "cutAtChunk":
        // Whole chunks dropped from the end: every remaining tag is valid, only the final flag tells.
        return fullChunks < 1 ? null : stored.slice(0, HEADER_BYTES + ((t.chunks % fullChunks) + 1) * sealedChunk);
      case "append":
        return new Uint8Array([...stored, ...t.extra]);
      case "swap":
      case "drop": {
        if (fullChunks < 2) return null;
        const a = t.a % fullChunks;
        const b = t.b % fullChunks;
        const chunks = Array.from({ length: fullChunks }, (_, i) =>
          stored.slice(HEADER_BYTES + i * sealedChunk, HEADER_BYTES + (i + 1) * sealedChunk),
        );
        if (t.kind === "swap") {
          if (a === b) return null;
          [chunks[a], chunks[b]] = [chunks[b] as (typeof chunks)[number], chunks[a] as (typeof chunks)[number]];
        } else chunks.splice(a, 1);
        const tail = stored.slice(HEADER_BYTES + fullChunks * sealedChunk);
        return new Uint8Array([...stored.slice(0, HEADER_BYTES), ...chunks.flatMap((c) => [...c]), ...tail]);
      }
      default:
        return stored;
    }
  }

  // Property 56: Backup Integrity Validation
  test.prop([exportText, fc.constantFrom(64, 100, 256), tamper], { numRuns: 200 })(
    "any flipped byte, truncation, extension, reordering or dropped chunk, wrong key or context is rejected",
    async ({ text }, chunkSize, t) => {
      const key = await freshKey();
      const stored = await collect(sealBackup(streamOf(encoder.encode(text)), key, "t1/b1", chunkSize).stream);
      const altered = apply(stored, t, chunkSize);
      fc.pre(altered !== null);
      const openKey = t.kind === "wrongKey" ? await freshKey() : key;
      const context = t.kind === "wrongContext" ? "t2/b1" : "t1/b1";
      const opened = openBackup(streamOf(altered as Uint8Array, 333), openKey, context);
      await expect(collect(opened.stream)).rejects.toThrow();
      // The container alone catches it too (not only gzip noticing a broken stream behind it).
      const decrypted = streamOf(altered as Uint8Array, 333).pipeThrough(decryptContainer(openKey, context));
      await expect(collect(decrypted)).rejects.toBeInstanceOf(BackupIntegrityError);
    },
  );

  it.each([64, 1024])("an empty export is one authenticated final chunk (chunk size %i)", async (size) => {
    const key = await freshKey();
    const stored = await collect(sealBackup(streamOf(new Uint8Array()), key, "c", size).stream);
    const opened = await collect(openBackup(streamOf(stored), key, "c").stream);
    expect(opened.length).toBe(0);
    await expect(collect(openBackup(streamOf(stored.slice(0, HEADER_BYTES)), key, "c").stream)).rejects.toThrow();
  });
});
