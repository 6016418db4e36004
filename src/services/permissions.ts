import type { Actor, Role, ServiceContext } from "./context";
import { ForbiddenError } from "./errors";

/**
 * The one permission matrix (spec "Authorization"). Data, not scattered ifs: routes declare the
 * permission they need (checked by middleware, and listed in the OpenAPI document as
 * `x-permission`), and services check it again as their first line.
 *
 * - admin: everything.
 * - operator: manages customers, payments, tickets and speed boosts; reads the rest of the
 *   business (plans, devices, inventory, …) it needs for that.
 * - technician: reads customers, manages tickets, reads devices, routers and the network.
 * - viewer: reads all business data; nothing of users, audit log or platform settings.
 */
export const RESOURCES = [
  "users",
  "audit_logs",
  "plans",
  "customers",
  "payments",
  "devices",
  "routers",
  "connectors",
  "tickets",
  "speed_boosts",
  "inventory",
  "alerts",
  "dashboard",
  "monitoring",
  "exports",
  "jobs",
  "backups",
  "notifications",
  "settings",
] as const;
export type Resource = (typeof RESOURCES)[number];
export type Permission = `${Resource}:${"read" | "write"}`;

const ADMIN_ONLY: Resource[] = ["users", "audit_logs", "connectors", "jobs", "backups", "notifications", "settings"];
const BUSINESS_READ: Resource[] = RESOURCES.filter((r) => !ADMIN_ONLY.includes(r));

const read = (rs: Resource[]): Permission[] => rs.map((r) => `${r}:read` as const);
const write = (rs: Resource[]): Permission[] => rs.map((r) => `${r}:write` as const);

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set([...read([...RESOURCES]), ...write([...RESOURCES])]),
  operator: new Set([...read(BUSINESS_READ), ...write(["customers", "payments", "tickets", "speed_boosts", "alerts"])]),
  technician: new Set([
    ...read(["customers", "plans", "devices", "routers", "tickets", "inventory", "alerts", "monitoring", "dashboard"]),
    ...write(["tickets", "alerts"]),
  ]),
  viewer: new Set(read(BUSINESS_READ)),
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Whether an actor may do this: users by their role; the platform and system jobs may do anything. */
export function actorCan(actor: Actor, permission: Permission): boolean {
  switch (actor.type) {
    case "user":
      return roleCan(actor.role, permission);
    case "platform":
    case "system":
      return true;
    default:
      return false;
  }
}

/** First line of every service write (and of reads that are not for everyone). */
export function requirePermission(ctx: Pick<ServiceContext, "actor">, permission: Permission): void {
  if (!actorCan(ctx.actor, permission)) throw new ForbiddenError(`Your role may not ${permission.replace(":", " ")}`);
}
