import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, expect, describe as group } from "vitest";
import { ROLES } from "../../../src/services/context";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs, type Session, type TestTenant } from "../../support/harness";
import { expiredToken, signTestToken } from "../../support/tokens";

interface Pair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** One tenant for all properties: each run makes its own user or session, so runs stay independent. */
let t: TestTenant & { remove(): Promise<void> };
let admin: Session;
beforeAll(async () => {
  t = await createTestTenant({ keep: true });
  admin = await loginAs(t);
});
afterAll(() => t.remove());

const bearer = (token: string) => ({ ...t.headers, authorization: `Bearer ${token}` });
const me = (token: string) => api<{ id: string }>("/api/v1/auth/me", { headers: bearer(token) });
const login = (email: string, password: string) =>
  api<Pair>("/api/v1/auth/login", { headers: t.headers, body: { email, password } });
const refresh = (token: string) => api<Pair>("/api/v1/auth/refresh", { body: { refresh_token: token } });

const credentials = fc.record({
  local: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
  password: fc.string({ minLength: 10, maxLength: 64, unit: "grapheme" }),
  role: fc.constantFrom(...ROLES),
});

group("tokens", () => {
  // Property 3: Token Generation on Valid Credentials
  test.prop([credentials], { numRuns: 100 })(
    "any valid email and password yield an access token and a refresh token, and the access token works",
    async ({ local, password, role }) => {
      const email = `${local}.${crypto.randomUUID().slice(0, 8)}@example.id`;
      const created = await api<{ id: string }>("/api/v1/users", {
        headers: admin.headers,
        body: { email, name: "Prop User", role, password },
      });
      expect(created.status, describe(created)).toBe(201);
      const res = await login(email, password);
      expect(res.status, describe(res)).toBe(200);
      expect(res.body.access_token.split(".")).toHaveLength(3);
      expect(res.body.refresh_token).toMatch(/^rt\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
      expect(res.body.expires_in).toBe(900);
      const who = await me(res.body.access_token);
      expect(who.status, describe(who)).toBe(200);
      expect(who.body.id).toBe(created.body.id);
    },
  );

  // Property 4: Expired Token Rejection
  test.prop([fc.constantFrom(...ROLES), fc.integer({ min: 1, max: 30 * 24 * 3600 })], { numRuns: 100 })(
    "an access token past its exp is refused with 401, while the same claims unexpired are accepted",
    async (role, secondsAgo) => {
      const claims = { user_id: t.users[role].id, tenant_id: t.id, role };
      const [expired, fresh] = await Promise.all([
        me(await expiredToken(claims, secondsAgo)),
        me(await signTestToken(claims, { exp: Math.floor(Date.now() / 1000) + 60 })),
      ]);
      expect(expired.status, describe(expired)).toBe(401);
      expect((expired.body as unknown as { code: string }).code).toBe("UNAUTHORIZED");
      expect(fresh.status, describe(fresh)).toBe(200);
    },
  );

  // Property 5: Refresh Token Exchange
  test.prop([fc.constantFrom(...ROLES), fc.integer({ min: 1, max: 2 }), fc.nat()], { numRuns: 100 })(
    "each refresh yields a working access token and kills the refresh token used; replaying one revokes the family",
    async (role, rotations, pick) => {
      const first = await login(t.users[role].email, t.users[role].password);
      expect(first.status, describe(first)).toBe(200);
      const used: string[] = [];
      const accessTokens: string[] = [];
      let current = first.body.refresh_token;
      for (let i = 0; i < rotations; i++) {
        const next = await refresh(current);
        expect(next.status, describe(next)).toBe(200);
        expect(next.body.refresh_token).not.toBe(current);
        used.push(current);
        accessTokens.push(next.body.access_token);
        current = next.body.refresh_token;
      }
      // Access tokens are checked together (they do not depend on the refresh chain's state).
      for (const who of await Promise.all(accessTokens.map(me))) expect(who.status, describe(who)).toBe(200);
      const replayed = await refresh(used[pick % used.length] as string);
      expect(replayed.status, describe(replayed)).toBe(401);
      const latest = await refresh(current); // the family died with the replay
      expect(latest.status, describe(latest)).toBe(401);
    },
  );

  // Property 6: Token Invalidation on Logout
  test.prop([fc.constantFrom(...ROLES), fc.integer({ min: 0, max: 1 })], { numRuns: 100 })(
    "after logout the session's refresh token is refused (and so is every earlier one of the session)",
    async (role, rotations) => {
      const first = await login(t.users[role].email, t.users[role].password);
      const tokens = [first.body.refresh_token];
      for (let i = 0; i < rotations; i++) {
        const next = await refresh(tokens.at(-1) as string);
        tokens.push(next.body.refresh_token);
      }
      const out = await api("/api/v1/auth/logout", { body: { refresh_token: tokens.at(-1) } });
      expect(out.status, describe(out)).toBe(204);
      for (const res of await Promise.all(tokens.map(refresh))) expect(res.status, describe(res)).toBe(401);
    },
  );
});
