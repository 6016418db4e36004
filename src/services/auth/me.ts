import { type ServiceContext, withTenantTx } from "../context";
import { NotFoundError, UnauthorizedError } from "../errors";
import { loadUser, toUserView, type UserView } from "./current-user";

export async function getMe(ctx: ServiceContext): Promise<UserView> {
  if (ctx.actor.type !== "user") throw new UnauthorizedError("Not signed in as a user");
  const userId = ctx.actor.userId;
  const user = await withTenantTx(ctx, (tx) => loadUser(tx, userId));
  if (!user) throw new NotFoundError("user", userId);
  return toUserView(user);
}
