import { expect, describe as group, it } from "vitest";
import { describe } from "../../support/api";
import { appWith, randomIp } from "../../support/app";
import { createTestTenant, type TestTenant } from "../../support/harness";

interface SignedIn {
  deviceToken: string;
  user: { id: string };
}
interface Problem {
  code: string;
  details: { scope: string };
}

/** 3 attempts lock an account (or a device) for 10 minutes; the per-address limits stay out of the way. */
const call = appWith({
  ACCOUNT_LOGIN_ATTEMPTS: "3",
  ACCOUNT_LOGIN_WINDOW_SECONDS: "900",
  ACCOUNT_LOCK_SECONDS: "600",
  ACCOUNT_LOCK_MAX_SECONDS: "1200",
});

/** A sign-in from a fresh address, optionally with a device token in the body, header or cookie. */
const signIn = (
  t: TestTenant,
  email: string,
  password: string,
  device?: { token: string; via: "body" | "header" | "cookie" },
) =>
  call<SignedIn & Problem>("/api/v1/auth/login", {
    headers: {
      ...t.headers,
      "cf-connecting-ip": randomIp(),
      ...(device?.via === "header" ? { "x-device-token": device.token } : {}),
      ...(device?.via === "cookie" ? { cookie: `rtrw_device=${device.token}` } : {}),
    },
    body: { email, password, ...(device?.via === "body" ? { deviceToken: device.token } : {}) },
  });

const WRONG = "wrong-password-1";

/** Locks the account from strangers' addresses: three wrong passwords without a device token. */
async function lockAccount(t: TestTenant, email: string) {
  for (let i = 0; i < 3; i++) expect((await signIn(t, email, WRONG)).status).toBe(401);
}

group("device tokens: a locked account still lets its owner in from a known device", () => {
  it("a sign-in issues a device token (JSON + HttpOnly, Secure, SameSite=Strict cookie on the auth path)", async () => {
    const t = await createTestTenant();
    const res = await signIn(t, t.users.admin.email, t.users.admin.password);
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.deviceToken).toMatch(/^dt1\.[\w-]+\.[\w-]+$/);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`rtrw_device=${res.body.deviceToken}`);
    for (const attr of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth", "Max-Age=7776000"]) {
      expect(cookie).toContain(attr);
    }
  });

  it("locked account + valid device token: the right password → 200, a wrong one → 401; without it → 429", async () => {
    const t = await createTestTenant();
    const { email, password } = t.users.admin;
    const first = await signIn(t, email, password);
    const token = first.body.deviceToken;
    await lockAccount(t, email);

    const stranger = await signIn(t, email, password);
    expect(stranger.status, describe(stranger)).toBe(429);
    expect(stranger.body).toMatchObject({ code: "RATE_LIMIT", details: { scope: "account" } });

    expect((await signIn(t, email, WRONG, { token, via: "body" })).status).toBe(401);
    for (const via of ["body", "header", "cookie"] as const) {
      const known = await signIn(t, email, password, { token, via });
      expect(known.status, `${via}: ${describe(known)}`).toBe(200);
      expect(known.body.user.id).toBe(first.body.user.id);
    }
    // The device's sign-in left the account's lock in place for everyone else.
    expect((await signIn(t, email, password)).status).toBe(429);
  });

  it("a device token counts its own failures: a stolen one cannot guess without limit", async () => {
    const t = await createTestTenant();
    const { email, password } = t.users.operator;
    const token = (await signIn(t, email, password)).body.deviceToken;
    const device = { token, via: "header" } as const;
    const seq = [];
    for (let i = 0; i < 4; i++) seq.push((await signIn(t, email, WRONG, device)).status);
    expect(seq).toEqual([401, 401, 401, 429]);
    const refused = await signIn(t, email, password, device);
    expect(refused.status, describe(refused)).toBe(429);
    expect(refused.body.details.scope).toBe("device");
    // The device's lock is its own: the account was not locked by it.
    expect((await signIn(t, email, password)).status).toBe(200);
  });

  it("a device token of another account, another tenant or a forged one counts as none", async () => {
    const t = await createTestTenant();
    const other = await createTestTenant();
    const viewerToken = (await signIn(t, t.users.viewer.email, t.users.viewer.password)).body.deviceToken;
    const foreignToken = (await signIn(other, other.users.admin.email, other.users.admin.password)).body.deviceToken;
    const [kind, payload, mac] = viewerToken.split(".") as [string, string, string];
    const forged = `${kind}.${payload}.${mac.slice(0, -2)}AA`;
    const { email, password } = t.users.admin;
    await lockAccount(t, email);
    for (const token of [viewerToken, foreignToken, forged, "dt1.not.valid"]) {
      const res = await signIn(t, email, password, { token, via: "body" });
      expect(res.status, describe(res)).toBe(429);
    }
  });
});
