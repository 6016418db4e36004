import { SECRET_KEY } from "../../src/lib/secret-keys";
import type { Role } from "../../src/services/context";
import { type Resource, roleCan } from "../../src/services/permissions";

/**
 * Which resource of the permission matrix an event's entity belongs to: a socket receives an event
 * only when its role may `<resource>:read`. A Map, not an object literal, so `constructor` or
 * `__proto__` as an entity type finds nothing.
 */
export const ENTITY_RESOURCES: ReadonlyMap<string, Resource> = new Map<string, Resource>([
  ["customer", "customers"],
  ["payment", "payments"],
  ["invoice", "payments"],
  ["service_plan", "plans"],
  ["device", "devices"],
  ["router", "routers"],
  ["mikrotik_router", "routers"],
  ["connector", "connectors"],
  ["ticket", "tickets"],
  ["speed_boost", "speed_boosts"],
  ["inventory", "inventory"],
  ["infrastructure_item", "inventory"],
  ["alert", "alerts"],
  ["monitoring", "monitoring"],
  ["dashboard", "dashboard"],
  ["export", "exports"],
  ["job", "jobs"],
  ["backup", "backups"],
  ["notification", "notifications"],
  ["user", "users"],
  ["audit_log", "audit_logs"],
  ["tenant", "settings"],
  ["settings", "settings"],
]);

/**
 * Whether a role may see events of this entity type. An entity type nobody mapped yet goes to
 * admins only (admins may read everything): fail closed, but still visible while someone adds it.
 */
export function mayRead(role: Role, entityType: string): boolean {
  const resource = ENTITY_RESOURCES.get(entityType);
  if (!resource) return role === "admin";
  return roleCan(role, `${resource}:read`);
}

/**
 * The hub's second guard after `recordChange`'s redaction: drops every secret-looking key at any
 * depth (rather than masking it), so a publisher that skipped redaction still leaks nothing.
 * SECRET_KEY is the audit's pattern too (src/lib/secret-keys.ts).
 */
export function stripSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => stripSecrets(v, depth + 1));
  if (value && typeof value === "object") {
    // `fromEntries` defines own properties: an assignment `out[k] = …` with k = "__proto__" would
    // set the copy's prototype instead, and the key would vanish (a property test found it).
    return Object.fromEntries(
      Object.entries(value).flatMap(([k, v]) => (SECRET_KEY.test(k) ? [] : [[k, stripSecrets(v, depth + 1)]])),
    );
  }
  return value;
}
