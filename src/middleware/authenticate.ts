import { sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { AppContext, AppEnv } from "../env";
import { ApiError } from "../errors/api-error";
import { issuedAtMs, verifyAccessToken } from "../lib/jwt";
import { loadUser } from "../services/auth/current-user";
import { findTenantByRef } from "../services/tenants/resolve";
import { namesTenant, subdomainSlug } from "./tenant";

/**
 * Resolves the tenant and authenticates the user of a tenant request, in that order of trust:
 * the access token (EdDSA JWT) is verified first; the tenant is the subdomain or `X-Tenant-ID` when
 * given — both given and naming different tenants is a 403, as on public routes (ARCHITECTURE.md);
 * the tenant must then be the token's own tenant, else 401 (a token is valid for one tenant only) —
 * or the token's `tenant_id` claim otherwise. The user is re-read on every request, so a deactivated
 * user, a changed role, a password change or a restore takes effect at once; a deactivated tenant is a 403.
 */
export function authenticate(readToken: TokenReader = bearerToken) {
  return createMiddleware<AppEnv>(async function authenticateMiddleware(c, next) {
    // Nested tenant routers (e.g. /customers/{id}/invoices under /customers) authenticate once.
    if (c.get("actor")) return next();
    const config = c.get("config");
    const token = readToken(c);

    let claims: Awaited<ReturnType<typeof verifyAccessToken>>;
    try {
      claims = await verifyAccessToken(config.JWT_PRIVATE_KEY, token, {
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
      });
    } catch {
      throw new ApiError("UNAUTHORIZED", "Invalid or expired access token");
    }

    const db = c.get("dbs").app();
    const fromHost = subdomainSlug(new URL(c.req.url).hostname, config.BASE_DOMAIN);
    const fromHeader = c.req.header("x-tenant-id")?.trim() || undefined;
    const ref = fromHost ?? fromHeader;
    const tenant = await findTenantByRef(db, ref ?? claims.tenant_id);
    if (!tenant) {
      if (ref) throw new ApiError("NOT_FOUND", `Tenant "${ref}" not found`);
      throw new ApiError("UNAUTHORIZED", "Invalid or expired access token");
    }
    if (fromHost && fromHeader && !namesTenant(fromHeader, tenant)) {
      throw new ApiError("FORBIDDEN", "X-Tenant-ID does not match the tenant of this subdomain");
    }
    if (tenant.id !== claims.tenant_id) throw new ApiError("UNAUTHORIZED", "This token belongs to another tenant");
    if (!tenant.isActive) throw new ApiError("FORBIDDEN", `Tenant "${tenant.slug}" is deactivated`);

    const user = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenant.id}, true)`);
      return loadUser(tx, claims.user_id);
    });
    if (!user?.isActive) throw new ApiError("UNAUTHORIZED", "This account is disabled");
    // Tokens issued before a password change die with it (iat carries milliseconds, see lib/jwt.ts).
    if (user.passwordChangedAt && issuedAtMs(claims) <= user.passwordChangedAt.getTime()) {
      throw new ApiError("UNAUTHORIZED", "Session ended by a password change; sign in again");
    }
    // …and tokens issued before a restore of the tenant's data (it sets this for every user).
    if (user.sessionsValidAfter && issuedAtMs(claims) <= user.sessionsValidAfter.getTime()) {
      throw new ApiError("UNAUTHORIZED", "Session ended by a restore of this tenant's data; sign in again");
    }

    c.set("tenant", tenant);
    c.set("actor", { type: "user", userId: user.id, role: user.role });
    await next();
  });
}

/**
 * Where a request carries its access token; throws a 401 ApiError when it is missing or malformed.
 * The default is the Authorization header; the WebSocket route also reads `access_token=` and
 * `Sec-WebSocket-Protocol`, since browsers cannot set headers on a WebSocket.
 */
export type TokenReader = (c: AppContext) => string;

export function bearerToken(c: AppContext): string {
  const header = c.req.header("authorization");
  if (!header) throw new ApiError("UNAUTHORIZED", "Authentication required (Authorization: Bearer <access token>)");
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!match) throw new ApiError("UNAUTHORIZED", "Malformed Authorization header");
  return match[1] as string;
}
