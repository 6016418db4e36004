import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors/api-error";
import { findTenantByRef } from "../services/tenants/resolve";
import { RESERVED_SLUGS } from "../services/tenants/schemas";

/**
 * Resolves the tenant of a request from the subdomain (`<slug>.<BASE_DOMAIN>`) or the `X-Tenant-ID`
 * header (id or slug). Both given and naming different tenants is a 403; neither is a 400; an
 * unknown tenant is a 404 and a deactivated one a 403. Authentication later checks the token's
 * tenant against this one.
 */
export function resolveTenant() {
  return createMiddleware<AppEnv>(async function resolveTenantMiddleware(c, next) {
    const fromHost = subdomainSlug(new URL(c.req.url).hostname, c.get("config").BASE_DOMAIN);
    const fromHeader = c.req.header("x-tenant-id")?.trim() || undefined;
    if (!fromHost && !fromHeader) {
      throw new ApiError(
        "VALIDATION_ERROR",
        "No tenant given: call <tenant>.<base domain> or send the X-Tenant-ID header",
      );
    }
    const db = c.get("dbs").app();
    const tenant = await findTenantByRef(db, fromHost ?? (fromHeader as string));
    if (!tenant) throw new ApiError("NOT_FOUND", `Tenant "${fromHost ?? fromHeader}" not found`);
    if (fromHost && fromHeader && !namesTenant(fromHeader, tenant)) {
      throw new ApiError("FORBIDDEN", "X-Tenant-ID does not match the tenant of this subdomain");
    }
    if (!tenant.isActive) throw new ApiError("FORBIDDEN", `Tenant "${tenant.slug}" is deactivated`);
    c.set("tenant", tenant);
    await next();
  });
}

/** Whether an `X-Tenant-ID` value (an id or a slug, any case) names this tenant. */
export function namesTenant(ref: string, tenant: { id: string; slug: string }): boolean {
  return ref === tenant.id || ref.toLowerCase() === tenant.slug;
}

export function subdomainSlug(host: string | undefined, baseDomain: string): string | undefined {
  if (!host) return undefined;
  const name = host.toLowerCase().replace(/:\d+$/, "");
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (!name.endsWith(suffix)) return undefined;
  const label = name.slice(0, -suffix.length);
  if (!label || label.includes(".") || RESERVED_SLUGS.has(label)) return undefined;
  return label;
}
