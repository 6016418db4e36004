import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tenants } from "../../src/db/schema";
import { createLogger } from "../../src/lib/logger";
import { describeFailure } from "../../src/services/backups/internal";
import { testDb } from "../support/db";
import { createTestTenant } from "../support/harness";

/** Runs a failing query and returns what logging its error prints (console spied, inside workerd). */
async function loggedLineOf(failing: () => Promise<unknown>): Promise<{ line: string; err: unknown }> {
  const err = await failing().then(
    () => expect.unreachable("the query should fail"),
    (e: unknown) => e,
  );
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  createLogger({ requestId: "r" }, "debug").error("unhandled error", { err });
  const line = spy.mock.calls.map((c) => String(c[0])).join("\n");
  return { line, err };
}

afterEach(() => vi.restoreAllMocks());

describe("database errors are logged without their bound parameters", () => {
  it("a unique violation logs SQLSTATE, constraint and table, never the row's values", async () => {
    const t = await createTestTenant();
    const secret = `secret-${crypto.randomUUID()}`;
    const { db, close } = testDb("system");
    try {
      const { line, err } = await loggedLineOf(() =>
        db.insert(tenants).values({ name: secret, slug: t.slug, settings: { token: secret } }),
      );
      // The error itself carries them (that is what used to be logged).
      expect(String((err as Error).message)).toContain(secret);
      const fields = JSON.parse(line).err;
      expect(fields).toMatchObject({ sqlstate: "23505", constraint: "tenants_slug_key", table: "tenants" });
      expect(fields.query).toMatch(/insert into "tenants"/);
      expect(line).not.toContain(secret);
      expect(line).not.toContain(t.slug);
    } finally {
      await close();
    }
  });

  it("an error whose Postgres message quotes the value (invalid uuid) logs neither", async () => {
    const secret = `secret-${crypto.randomUUID()}`;
    const { db, close } = testDb("system");
    try {
      const { line, err } = await loggedLineOf(() => db.select().from(tenants).where(eq(tenants.id, secret)));
      expect(String((err as { cause?: Error }).cause?.message)).toContain(secret);
      expect(JSON.parse(line).err).toMatchObject({ name: "DatabaseError", sqlstate: "22P02" });
      expect(line).not.toContain(secret);
    } finally {
      await close();
    }
  });

  it("a failed backup's stored reason describes a database error the same way, without its values", async () => {
    const secret = `secret-${crypto.randomUUID()}`;
    const { db, close } = testDb("system");
    try {
      const { err } = await loggedLineOf(() => db.select().from(tenants).where(eq(tenants.id, secret)));
      const reason = describeFailure(err);
      expect(reason).toContain("22P02");
      expect(reason).not.toContain(secret);
      expect(describeFailure(new TypeError("plain failure"))).toBe("TypeError: plain failure");
    } finally {
      await close();
    }
  });

  it("other errors keep their message and stack", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    createLogger({}, "debug").error("x", { err: new TypeError("plain failure") });
    const fields = JSON.parse(String(spy.mock.calls[0]?.[0])).err;
    expect(fields).toMatchObject({ name: "TypeError", message: "plain failure" });
    expect(fields.stack).toContain("plain failure");
  });
});
