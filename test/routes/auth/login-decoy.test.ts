import { env } from "cloudflare:workers";
import { afterEach, expect, describe as group, it, vi } from "vitest";
import { EnvSchema } from "../../../src/env";
import { fromBase64Url } from "../../../src/lib/crypto";
import { needsRehash, PBKDF2_ITERATIONS } from "../../../src/lib/password";
import { DECOY_PASSWORD_HASH, login } from "../../../src/services/auth/login";
import { tokenSettings } from "../../../src/services/auth/token-settings";
import { testDb } from "../../support/db";
import { createTestTenant } from "../../support/harness";

afterEach(() => {
  vi.restoreAllMocks();
});

group("login: an unknown email costs what a wrong password costs", () => {
  it("the decoy is a constant hash of the stored format and today's cost", async () => {
    expect(DECOY_PASSWORD_HASH).toMatch(
      new RegExp(`^pbkdf2_sha256\\$${PBKDF2_ITERATIONS}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`),
    );
    expect(needsRehash(DECOY_PASSWORD_HASH)).toBe(false);
  });

  it("an unknown email runs PBKDF2 once, on the constant decoy, like a wrong password", async () => {
    const t = await createTestTenant();
    const { db, close } = testDb("app");
    try {
      const ctx = {
        tenant: { id: t.id, slug: t.slug, name: t.name, timezone: "Asia/Jakarta", locale: "id", isActive: true },
        actor: { type: "anonymous" } as const,
        db,
      };
      const settings = tokenSettings(EnvSchema.parse(env));
      const derive = vi.spyOn(crypto.subtle, "deriveBits");
      const attempt = (email: string) => login(ctx, settings, { email, password: "not-the-password" });
      await expect(attempt(`nobody-${crypto.randomUUID()}@example.id`)).rejects.toThrow("Invalid email or password");
      expect(derive).toHaveBeenCalledTimes(1);
      // Nothing derived at first use (that cost the first unknown email of an isolate a second run).
      const params = derive.mock.calls[0]?.[0] as unknown as { salt: ArrayBuffer; iterations: number };
      expect(new Uint8Array(params.salt)).toEqual(fromBase64Url(DECOY_PASSWORD_HASH.split("$")[2] ?? ""));
      expect(params.iterations).toBe(PBKDF2_ITERATIONS);
      derive.mockClear();
      await expect(attempt(t.users.viewer.email)).rejects.toThrow("Invalid email or password");
      expect(derive).toHaveBeenCalledTimes(1);
    } finally {
      await close();
    }
  });
});
