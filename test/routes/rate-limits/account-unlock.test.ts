import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { notifications } from "../../../src/db/schema";
import { accountHash } from "../../../src/lib/rate-limit";
import { issueUnlockToken } from "../../../src/services/auth/sign-in-tokens";
import { describe } from "../../support/api";
import { appWith, randomIp } from "../../support/app";
import { testDb } from "../../support/db";
import { createTestTenant, type TestTenant } from "../../support/harness";
import { waitForMail } from "../../support/jobs";

interface Problem {
  code: string;
}

const call = appWith({
  ACCOUNT_LOGIN_ATTEMPTS: "3",
  ACCOUNT_LOGIN_WINDOW_SECONDS: "900",
  ACCOUNT_LOCK_SECONDS: "600",
  ACCOUNT_LOCK_MAX_SECONDS: "1200",
});

const signIn = (t: TestTenant, email: string, password = "wrong-password-1") =>
  call<Problem>("/api/v1/auth/login", {
    headers: { ...t.headers, "cf-connecting-ip": randomIp() },
    body: { email, password },
  });

const unlock = (token: string) => call<Problem>("/api/v1/auth/unlock", { body: { token } });

/** The `account_locked` notifications recorded for `to` in the tenant. */
async function lockEmails(tenantId: string, to: string) {
  const { db, close } = testDb("system");
  try {
    return await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          eq(notifications.recipient, to),
          eq(notifications.template, "account_locked"),
        ),
      );
  } finally {
    await close();
  }
}

group("unlock links: a lock mails its owner once, and the link ends it once", () => {
  it("a lock sends exactly one email, whose link unlocks the account; the link is single use", async () => {
    const t = await createTestTenant();
    const { email, password } = t.users.admin;
    const seq = [];
    for (let i = 0; i < 6; i++) seq.push((await signIn(t, email)).status);
    expect(seq).toEqual([401, 401, 401, 429, 429, 429]);
    expect((await signIn(t, email, password)).status).toBe(429);
    // One email per lock, not per attempt (the refused ones above sent none).
    expect(await lockEmails(t.id, email)).toHaveLength(1);
    const [mail] = await waitForMail(email, 1);
    expect(mail?.subject).toMatch(/dikunci/);
    const link = /https:\/\/\S+\/api\/v1\/auth\/unlock\?token=(\S+)/.exec(mail?.text ?? "");
    expect(link, mail?.text).not.toBeNull();
    const token = decodeURIComponent(link?.[1] ?? "");

    // The link itself only shows a page that asks (a mail scanner opening it uses nothing up).
    const page = await call(`/api/v1/auth/unlock?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('method="post"');
    expect((await signIn(t, email, password)).status).toBe(429);

    const first = await unlock(token);
    expect(first.status, describe(first)).toBe(200);
    expect(first.body).toEqual({ unlocked: true });
    const ok = await signIn(t, email, password);
    expect(ok.status, describe(ok)).toBe(200);

    const again = await unlock(token);
    expect(again.status, describe(again)).toBe(409);
    expect(again.body.code).toBe("CONFLICT");
    expect(await lockEmails(t.id, email)).toHaveLength(1);
  });

  it("the link's page form posts the token (form-encoded) and unlocks", async () => {
    const t = await createTestTenant();
    const { email, password } = t.users.viewer;
    for (let i = 0; i < 3; i++) await signIn(t, email);
    const [mail] = await waitForMail(email, 1);
    const token = decodeURIComponent(/unlock\?token=(\S+)/.exec(mail?.text ?? "")?.[1] ?? "");
    expect((await postForm("")).status, "no token: 400").toBe(400);
    const posted = await postForm(`token=${encodeURIComponent(token)}`);
    expect(posted.status, await posted.clone().text()).toBe(200);
    expect((await signIn(t, email, password)).status).toBe(200);
  });

  it("an expired, forged or foreign unlock token is a 4xx and unlocks nothing", async () => {
    const t = await createTestTenant();
    const { email, password, id } = t.users.operator;
    for (let i = 0; i < 3; i++) await signIn(t, email);
    const secret = (env as unknown as { JWT_PRIVATE_KEY: string }).JWT_PRIVATE_KEY;
    const claims = { t: t.id, u: id, a: await accountHash(t.id, email), l: crypto.randomUUID() };
    const expired = await issueUnlockToken(secret, claims, Date.now() - 2 * 3600_000);
    const otherSecret = await issueUnlockToken("not-the-secret", claims);
    const wrongLock = await issueUnlockToken(secret, claims);
    for (const token of [expired, otherSecret, "ul1.x.y", "garbage"]) {
      const res = await unlock(token);
      expect(res.status, describe(res)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
    }
    expect((await unlock(wrongLock)).status, "a genuine token of another lock").toBe(409);
    expect((await signIn(t, email, password)).status).toBe(429);
  });
});

/** Posts a form body the way the link's page does (the test helper sends JSON only). */
async function postForm(body: string) {
  const { createApp } = await import("../../../src/app");
  return createApp().request(
    "http://api.test/api/v1/auth/unlock",
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": randomIp() },
      body,
    },
    env,
  );
}
