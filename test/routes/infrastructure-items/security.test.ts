import { api } from "../../support/api";
import type { Session } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

const body = { name: "Kabel FO drop", type: "cable", unit: "meter", quantity: 500 };
async function makeItem(_t: unknown, admin: Session): Promise<string> {
  return (await api<{ id: string }>("/api/v1/infrastructure-items", { headers: admin.headers, body })).body.id;
}
const base = "/api/v1/infrastructure-items";

runCommonRouteTests({ method: "GET", path: base, permission: "inventory:read" });
runCommonRouteTests({ method: "POST", path: base, permission: "inventory:write", body });
runCommonRouteTests({ method: "GET", path: `${base}/{id}`, permission: "inventory:read", makeResource: makeItem });
runCommonRouteTests({
  method: "PATCH",
  path: `${base}/{id}`,
  permission: "inventory:write",
  body: { minimumQuantity: 100 },
  makeResource: makeItem,
});
runCommonRouteTests({
  method: "PATCH",
  path: `${base}/{id}/quantity`,
  permission: "inventory:write",
  body: { delta: -1, reason: "Pasang" },
  makeResource: makeItem,
});
runCommonRouteTests({ method: "DELETE", path: `${base}/{id}`, permission: "inventory:write", makeResource: makeItem });
