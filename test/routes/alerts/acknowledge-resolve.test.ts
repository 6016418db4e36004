import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { MISSING_ID, type NetworkTenants, networkTenants } from "../../support/network-seed";
import type { AlertBody } from "../infrastructure-items/fixtures";
import { seedAlert } from "./fixtures";

let fx: NetworkTenants;
let theirs: string;
beforeAll(async () => {
  fx = await networkTenants();
  const { db, close } = testDb("system");
  theirs = await seedAlert(db, fx.other.id);
  await close();
});
afterAll(() => fx.remove());

async function freshAlert() {
  const { db, close } = testDb("system");
  try {
    return await seedAlert(db, fx.tenant.id);
  } finally {
    await close();
  }
}
const act = (id: string, verb: "acknowledge" | "resolve", headers = fx.as.technician) =>
  api<AlertBody>(`/api/v1/alerts/${id}/${verb}`, { method: "POST", headers });

group("POST /api/v1/alerts/{id}/acknowledge", () => {
  it("200: records who and when; again: 200 and the first acknowledgement stays", async () => {
    const id = await freshAlert();
    const first = await act(id, "acknowledge");
    expect(first.status, describe(first)).toBe(200);
    expect(first.body).toMatchObject({ status: "acknowledged", acknowledgedBy: fx.tenant.users.technician.id });
    expect(first.body.acknowledgedAt).not.toBeNull();
    const again = await act(id, "acknowledge", fx.as.operator);
    expect(again.status, describe(again)).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it("409: a resolved alert", async () => {
    const id = await freshAlert();
    expect((await act(id, "resolve")).status).toBe(200);
    const res = await act(id, "acknowledge");
    expect(res.status, describe(res)).toBe(409);
  });

  it("404: unknown and theirs; 403: a viewer; 401: no token", async () => {
    for (const id of [MISSING_ID, theirs]) expect((await act(id, "acknowledge")).status).toBe(404);
    const id = await freshAlert();
    expect((await act(id, "acknowledge", fx.as.viewer)).status).toBe(403);
    expect((await act(id, "acknowledge", {})).status).toBe(401);
  });
});

group("POST /api/v1/alerts/{id}/resolve", () => {
  it("200: from open or acknowledged; resolving again is a no-op", async () => {
    const open = await freshAlert();
    const acked = await freshAlert();
    await act(acked, "acknowledge");
    for (const id of [open, acked]) {
      const res = await act(id, "resolve", fx.as.operator);
      expect(res.status, describe(res)).toBe(200);
      expect(res.body.status).toBe("resolved");
      expect(res.body.resolvedAt).not.toBeNull();
      const again = await act(id, "resolve");
      expect(again.body).toEqual(res.body);
    }
  });

  it("404: theirs (unchanged); 403: a viewer; 401: no token", async () => {
    expect((await act(theirs, "resolve")).status).toBe(404);
    const check = await api<AlertBody>(`/api/v1/alerts/${theirs}`, { headers: fx.otherAdmin });
    expect(check.body.status).toBe("open");
    const id = await freshAlert();
    expect((await act(id, "resolve", fx.as.viewer)).status).toBe(403);
    expect((await act(id, "resolve", {})).status).toBe(401);
  });
});
