import { createRouter, createTenantRouter } from "../../app";
import { registerLogin } from "./login";
import { registerMe } from "./me";
import { registerRefresh } from "./refresh";
import { registerUnlock } from "./unlock";

/** `/api/v1/auth`: sign in, refresh, sign out, unlock (public; the tenant comes from the request or the token). */
export function authRouter() {
  const app = createRouter();
  registerLogin(app);
  registerRefresh(app);
  registerUnlock(app);
  return app;
}

/** `/api/v1/auth/me`: needs a signed-in user. */
export function meRouter() {
  const app = createTenantRouter();
  registerMe(app);
  return app;
}
