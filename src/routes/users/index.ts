import { createTenantRouter } from "../../app";
import { registerChangePassword } from "./change-password";
import { registerCreateUser } from "./create";
import { registerDeactivateUser } from "./delete";
import { registerGetUser } from "./get";
import { registerListUsers } from "./list";
import { registerUpdateUser } from "./update";

/**
 * `/api/v1/users`: the tenant's staff accounts (admins only), plus `/me/password` for every signed-in
 * user, registered first so `me` is never taken for an id.
 */
export function usersRouter() {
  const app = createTenantRouter();
  registerChangePassword(app);
  registerListUsers(app);
  registerCreateUser(app);
  registerGetUser(app);
  registerUpdateUser(app);
  registerDeactivateUser(app);
  return app;
}
