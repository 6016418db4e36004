import { createTenantRouter } from "../../app";
import { registerCreateItem } from "./create";
import { registerDeleteItem } from "./delete";
import { registerGetItem } from "./get";
import { registerListItems } from "./list";
import { registerAdjustQuantity } from "./quantity";
import { registerUpdateItem } from "./update";

/** `/api/v1/infrastructure-items`: the tenant's stock of cable, devices and tools. */
export function infrastructureItemsRouter() {
  const app = createTenantRouter();
  registerListItems(app);
  registerCreateItem(app);
  registerGetItem(app);
  registerUpdateItem(app);
  registerAdjustQuantity(app);
  registerDeleteItem(app);
  return app;
}
