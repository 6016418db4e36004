import { expect, it } from "vitest";
import { appWith } from "../../support/app";
import { createTestTenant } from "../../support/harness";

const call = appWith({ RATE_LIMIT_LOGIN_PER_MINUTE: "2" });

it("sign-ins from one IPv6 /64 share one per-address limit, whatever address of it they use", async () => {
  const t = await createTestTenant();
  const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
  const prefix = `2001:db8:${hex()}:${hex()}`;
  const attempt = (ip: string) =>
    call("/api/v1/auth/login", {
      headers: { ...t.headers, "cf-connecting-ip": ip },
      body: { email: t.users.viewer.email, password: t.users.viewer.password },
    });
  const seq = [];
  for (const ip of [`${prefix}::1`, `${prefix}:0:0:0:2`, `${prefix.toUpperCase()}:ffff:1:2:3`]) {
    seq.push((await attempt(ip)).status);
  }
  expect(seq).toEqual([200, 200, 429]);
  // The next /64 is another client.
  expect((await attempt(`2001:db8:${hex()}:${hex()}::1`)).status).toBe(200);
});
