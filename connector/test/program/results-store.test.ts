import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Result } from "../../../src/protocol/index.ts";
import { ResultStore } from "../../src/results-store.ts";
import { tempDir } from "../support/connector.ts";

const ok = (id: string): Result => ({ type: "result", commandId: id, ok: true, data: { id } });

describe("ResultStore", () => {
  it("remembers across reopen, keeps only the newest entries and compacts its journal", async () => {
    const file = join(await tempDir(), "results.jsonl");
    const a = await ResultStore.open(file, 3);
    for (let i = 0; i < 10; i++) await a.remember(`c${i}`, ok(`c${i}`));
    expect(a.size).toBe(3);
    expect(a.get("c6")).toBeUndefined();
    expect(a.get("c9")).toEqual(ok("c9"));
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines.length).toBeLessThanOrEqual(6);
    const b = await ResultStore.open(file, 3);
    expect([b.get("c7"), b.get("c8"), b.get("c9")]).toEqual([ok("c7"), ok("c8"), ok("c9")]);
  });

  it("skips a line torn by a crash", async () => {
    const file = join(await tempDir(), "results.jsonl");
    const a = await ResultStore.open(file);
    await a.remember("c1", ok("c1"));
    await appendFile(file, '["c2",{"type":"res');
    const b = await ResultStore.open(file);
    expect(b.get("c1")).toEqual(ok("c1"));
    expect(b.size).toBe(1);
    await b.remember("c3", ok("c3"));
    expect((await ResultStore.open(file)).get("c3")).toEqual(ok("c3"));
  });
});
