import { createTenantRouter } from "../../app";
import { registerCsvExports } from "./csv";

/** `/api/v1/exports`: `<entity>.csv` downloads of the tenant's data. */
export function exportsRouter() {
  const app = createTenantRouter();
  registerCsvExports(app);
  return app;
}
