/**
 * The demo tenant, created through the public API exactly as a platform operator would, so the
 * seed exercises the real code path. Idempotent: a second run finds the tenant and leaves it be.
 */
export const DEMO = {
  name: "Demo Net Cibubur",
  slug: "demo",
  timezone: "Asia/Jakarta",
  locale: "id",
  admin: { email: "admin@demo.rtrwnet.id", password: "demo-admin-password", name: "Admin Demo" },
} as const;

export async function seedDemo(apiUrl: string, platformKey: string): Promise<void> {
  const res = await fetch(`${apiUrl}/api/v1/platform/tenants`, {
    method: "POST",
    headers: { authorization: `Bearer ${platformKey}`, "content-type": "application/json" },
    body: JSON.stringify(DEMO),
  });
  if (res.status === 201) {
    console.log(`  created tenant "${DEMO.slug}" with admin ${DEMO.admin.email}`);
  } else if (res.status === 409) {
    console.log(`  tenant "${DEMO.slug}" already exists`);
  } else {
    throw new Error(`creating the demo tenant answered ${res.status}: ${await res.text()}`);
  }
  await seedDemoCatalogue(apiUrl);
}

const DEMO_PLANS = [
  { name: "Paket Hemat 10 Mbps", speedDownloadMbps: 10, speedUploadMbps: 5, price: 150_000, features: ["Unlimited"] },
  {
    name: "Paket Keluarga 20 Mbps",
    speedDownloadMbps: 20,
    speedUploadMbps: 10,
    price: 200_000,
    features: ["Unlimited"],
  },
  {
    name: "Paket Streaming 50 Mbps",
    speedDownloadMbps: 50,
    speedUploadMbps: 25,
    price: 350_000,
    features: ["Unlimited"],
  },
];

const DEMO_CUSTOMERS = [
  { name: "Siti Aminah", phone: "0812-3456-7801", address: "Jl. Mawar No. 12, RT 03/RW 05", plan: 1, billingDay: 5 },
  { name: "Budi Santoso", phone: "0813-2222-3302", address: "Jl. Melati No. 4, RT 01/RW 05", plan: 0, billingDay: 10 },
  { name: "Dewi Lestari", phone: "0857-1111-4403", address: "Gg. Kenanga No. 7, RT 02/RW 06", plan: 2, billingDay: 15 },
  { name: "Agus Salim", phone: "0821-9876-5404", address: "Jl. Anggrek No. 21, RT 04/RW 05", plan: 1, billingDay: 20 },
  { name: "Rina Wati", phone: "0878-5555-6605", address: "Jl. Flamboyan No. 3, RT 03/RW 06", plan: 0, billingDay: 25 },
];

/**
 * Plans and customers for the demo tenant, through the API as its admin would add them. Skipped
 * when the tenant already has plans (a second start, or an operator who set up their own).
 */
async function seedDemoCatalogue(apiUrl: string): Promise<void> {
  const call = async (path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
    const res = await fetch(`${apiUrl}/api/v1${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        "content-type": "application/json",
        "x-tenant-id": DEMO.slug,
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const login = await call("/auth/login", { body: { email: DEMO.admin.email, password: DEMO.admin.password } });
  const token = String(login.access_token);
  const existing = await call("/service-plans?limit=1", { token });
  if ((existing.meta as { total: number }).total > 0) {
    console.log("  demo plans and customers already exist");
    return;
  }
  const planIds: string[] = [];
  for (const plan of DEMO_PLANS) planIds.push(String((await call("/service-plans", { body: plan, token })).id));
  for (const { plan, ...customer } of DEMO_CUSTOMERS) {
    await call("/customers", {
      body: { ...customer, servicePlanId: planIds[plan], installationDate: "2026-01-15" },
      token,
    });
  }
  console.log(`  added ${DEMO_PLANS.length} plans and ${DEMO_CUSTOMERS.length} customers`);
}
