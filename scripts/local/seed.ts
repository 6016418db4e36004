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
}
