import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { createPlan, expectProblem, type Page } from "../service-plans/fixtures";
import { type CustomerBody, createCustomer } from "./fixtures";

group("GET /api/v1/customers", () => {
  it("200: newest first, search (also 08… phones), filters, pages; deleted ones hidden", async () => {
    const t = await createTestTenant();
    const [admin, tech] = await Promise.all([loginAs(t), loginAs(t, "technician")]);
    const [p1, p2] = [await createPlan(admin.headers), await createPlan(admin.headers)];
    const a = await createCustomer(admin.headers, p1.id, {
      name: "Ani 100%",
      phone: "081311112222",
      installationDate: "2026-01-10",
    });
    const b = await createCustomer(admin.headers, p2.id, {
      name: "Bayu",
      email: "bayu@warung.id",
      installationDate: "2026-03-01",
    });
    const c = await createCustomer(admin.headers, p1.id, { name: "Citra" });
    await api(`/api/v1/customers/${c.id}/status`, {
      method: "PATCH",
      headers: admin.headers,
      body: { status: "suspended" },
    });
    const gone = await createCustomer(admin.headers, p1.id, { name: "Ani Hilang" });
    await api(`/api/v1/customers/${gone.id}`, { method: "DELETE", headers: admin.headers });

    const ids = async (query: string) => {
      const res = await api<Page<CustomerBody>>(`/api/v1/customers?${query}`, { headers: tech.headers });
      expect(res.status, describe(res)).toBe(200);
      return res.body.data.map((x) => x.id);
    };
    expect(await ids("")).toEqual([c.id, b.id, a.id]);
    expect(await ids("search=ani")).toEqual([a.id]);
    expect(await ids(`search=${encodeURIComponent("100%")}`)).toEqual([a.id]);
    expect(await ids("search=%25")).toEqual([a.id]);
    expect(await ids("search=0813111")).toEqual([a.id]);
    expect(await ids("search=%2B6281311")).toEqual([a.id]);
    expect(await ids("search=WARUNG.ID")).toEqual([b.id]);
    expect(await ids(`search=${a.customerCode.toLowerCase()}`)).toEqual([a.id]);
    expect(await ids("status=suspended")).toEqual([c.id]);
    expect(await ids(`servicePlanId=${p2.id}`)).toEqual([b.id]);
    expect(await ids("installedFrom=2026-02-01")).toEqual([b.id]);
    expect(await ids("installedFrom=2026-01-10&installedTo=2026-01-10")).toEqual([a.id]);
    expect(await ids(`status=active&servicePlanId=${p1.id}`)).toEqual([a.id]);

    const page = await api<Page<CustomerBody>>("/api/v1/customers?limit=2&page=2", { headers: admin.headers });
    expect(page.body.data.map((x) => x.id)).toEqual([a.id]);
    expect(page.body.meta).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2 });
  });

  it("400: bad paging, status, dates or an inverted date range", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    for (const q of [
      "limit=0",
      "page=-1",
      "status=gone",
      "servicePlanId=abc",
      "installedFrom=2026-13-01",
      "installedFrom=2026-05-01&installedTo=2026-04-30",
    ]) {
      expectProblem(await api(`/api/v1/customers?${q}`, { headers: admin.headers }), 400, "VALIDATION_ERROR");
    }
  });

  it("401: without a token", async () => {
    const t = await createTestTenant();
    expectProblem(await api("/api/v1/customers", { headers: t.headers }), 401, "UNAUTHORIZED");
  });
});
