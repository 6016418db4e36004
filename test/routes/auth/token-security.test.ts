import { expect, describe as group, it } from "vitest";
import { base64Url, fromBase64Url } from "../../../src/lib/crypto";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { foreignKeyToken, signTestToken, unsignedToken } from "../../support/tokens";

/** Every one of these is a 401 problem, never a 500 and never a 200. */
async function expect401(headers: Record<string, string>, what: string) {
  const res = await api<{ code: string }>("/api/v1/auth/me", { headers });
  expect(res.status, `${what}: ${describe(res)}`).toBe(401);
  expect(res.body.code, what).toBe("UNAUTHORIZED");
}

group("access token security", () => {
  it("401: alg none, with or without a signature", async () => {
    const t = await createTestTenant();
    const claims = { user_id: t.users.admin.id, tenant_id: t.id, role: "admin" };
    await expect401({ ...t.headers, authorization: `Bearer ${unsignedToken(claims)}` }, "alg none, empty signature");
    await expect401(
      { ...t.headers, authorization: `Bearer ${unsignedToken(claims, "AAAA")}` },
      "alg none, junk signature",
    );
  });

  it("401: a wrong signature, a tampered payload, a wrong issuer or audience", async () => {
    const t = await createTestTenant();
    const viewer = await loginAs(t, "viewer");
    const claims = { user_id: t.users.viewer.id, tenant_id: t.id, role: "viewer" };
    await expect401({ ...t.headers, authorization: `Bearer ${await foreignKeyToken(claims)}` }, "foreign key");

    const [header, payload, signature] = viewer.accessToken.split(".") as [string, string, string];
    const body = JSON.parse(new TextDecoder().decode(fromBase64Url(payload)));
    const promoted = base64Url(new TextEncoder().encode(JSON.stringify({ ...body, role: "admin" })));
    await expect401({ ...t.headers, authorization: `Bearer ${header}.${promoted}.${signature}` }, "tampered role");
    const flipped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "BA" : "AA"}`;
    await expect401({ ...t.headers, authorization: `Bearer ${header}.${payload}.${flipped}` }, "flipped signature");

    const exp = Math.floor(Date.now() / 1000) + 600;
    await expect401(
      { ...t.headers, authorization: `Bearer ${await signTestToken(claims, { exp, issuer: "evil" })}` },
      "issuer",
    );
    await expect401(
      { ...t.headers, authorization: `Bearer ${await signTestToken(claims, { exp, audience: "x" })}` },
      "audience",
    );
  });

  it("401: a token of another tenant, on this tenant's subdomain or with its X-Tenant-ID", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const s = await loginAs(a, "admin");
    const ownHost = await api("/api/v1/auth/me", {
      host: `${a.slug}.rtrwnet.id`,
      headers: { authorization: `Bearer ${s.accessToken}` },
    });
    expect(ownHost.status, describe(ownHost)).toBe(200);
    const res = await api<{ code: string }>("/api/v1/users", {
      host: `${b.slug}.rtrwnet.id`,
      headers: { authorization: `Bearer ${s.accessToken}` },
    });
    expect(res.status, describe(res)).toBe(401);
    await expect401({ "x-tenant-id": b.id, authorization: `Bearer ${s.accessToken}` }, "other tenant's X-Tenant-ID");
    // A token forged to claim tenant B but naming a user of A is refused too (user not found in B).
    const forged = await signTestToken(
      { user_id: a.users.admin.id, tenant_id: b.id, role: "admin" },
      { exp: Math.floor(Date.now() / 1000) + 600 },
    );
    await expect401({ ...b.headers, authorization: `Bearer ${forged}` }, "user of another tenant");
  });

  it("401 (never 500): malformed Authorization headers", async () => {
    const t = await createTestTenant();
    const s = await loginAs(t, "viewer");
    const headers = [
      "Bearer",
      "Bearer ",
      `Basic ${btoa("admin:password")}`,
      `Token ${s.accessToken}`,
      `Bearer ${s.accessToken} extra`,
      `Bearer ${s.accessToken}.more`,
      "Bearer a.b",
      "Bearer ..",
      "Bearer eyJ.eyJ.sig",
      `Bearer ${"A".repeat(8000)}.${"B".repeat(8000)}.${"C".repeat(100)}`,
      "Bearer %00.%00.%00",
    ];
    for (const authorization of headers) await expect401({ ...t.headers, authorization }, authorization.slice(0, 30));
  });
});
