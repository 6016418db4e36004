import { createTenantRouter } from "../../app";
import { registerCreateDevice } from "./create";
import { registerDeleteDevice } from "./delete";
import { registerGetDevice } from "./get";
import { registerListDevices } from "./list";
import { registerUpdateDevice } from "./update";

/** `/api/v1/devices`: OLTs, switches, access points and monitored routers of the network. */
export function devicesRouter() {
  const app = createTenantRouter();
  registerListDevices(app);
  registerCreateDevice(app);
  registerGetDevice(app);
  registerUpdateDevice(app);
  registerDeleteDevice(app);
  return app;
}
