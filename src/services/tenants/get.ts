import { getTenantOrThrow, type TenantView, toTenantView } from "./internal";
import type { PlatformContext } from "./platform-context";

export async function getTenant(ctx: PlatformContext, id: string): Promise<TenantView> {
  return toTenantView(await getTenantOrThrow(ctx.db, id));
}
