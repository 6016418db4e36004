import { createTenantRouter } from "../../app";
import { registerCreateSpeedBoost } from "./create";
import { registerDecideSpeedBoost } from "./decide";
import { registerGetSpeedBoost } from "./get";
import { registerListSpeedBoosts } from "./list";

/** `/api/v1/speed-boosts`: temporary upgrades to a faster plan (expired by a cron job). */
export function speedBoostsRouter() {
  const app = createTenantRouter();
  registerListSpeedBoosts(app);
  registerCreateSpeedBoost(app);
  registerGetSpeedBoost(app);
  registerDecideSpeedBoost(app);
  return app;
}
