import { z } from "zod";
import { ROUTER_STATUSES } from "../../db/schema";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import { DevicePasswordSchema, LocationSchema, LoginNameSchema, PortSchema } from "../devices/schemas";
import { PlainNameSchema } from "../tenants/schemas";
import { canonicalHost } from "./host";

/** An IP address or DNS name the tenant's connector can reach; stored canonical (lower case, RFC 5952). */
export const HostSchema = z
  .string()
  .trim()
  .max(253)
  .transform((text, ctx) => {
    const host = canonicalHost(text);
    if (host === null) {
      ctx.addIssue({ code: "custom", message: "must be an IPv4/IPv6 address or a DNS host name" });
      return z.NEVER;
    }
    return host;
  })
  .meta({ description: "IPv4/IPv6 address or host name, as seen from the connector", example: "10.10.0.1" });

/** Fields of a router without defaults, so the PATCH schema (`.partial()`) never fills any in. */
const routerFields = {
  name: PlainNameSchema.max(100).meta({ description: "Unique within the tenant", example: "CCR Pusat" }),
  host: HostSchema,
  apiPort: PortSchema.meta({ description: "RouterOS API port (8728, or 8729 with TLS)", example: 8728 }),
  apiTls: z.boolean().meta({
    description: "Reach the API over TLS (RouterOS api-ssl). On create, omitted: true for port 8729, else false",
    example: false,
  }),
  username: LoginNameSchema.meta({ description: "RouterOS API user", example: "rtrw-api" }),
  password: DevicePasswordSchema.meta({
    description:
      "Write-only; stored encrypted, never returned. Required on an update that changes host, apiPort, apiTls or connectorId",
    example: "s3cret-pass",
  }),
  location: LocationSchema.nullable(),
  isActive: z.boolean().meta({ description: "Inactive routers get no provisioning", example: true }),
  connectorId: z.uuid().nullable().meta({
    description: "The tenant's connector that reaches this router",
    example: "9a43c1e5-2f0d-4c8e-8b7d-6c1b7e553f2a",
  }),
};

export const CreateRouterInput = z.object({
  ...routerFields,
  apiPort: routerFields.apiPort.default(8728),
  apiTls: routerFields.apiTls.optional(),
  location: routerFields.location.optional(),
  isActive: routerFields.isActive.default(true),
  connectorId: routerFields.connectorId.optional(),
});
export type CreateRouterInput = z.infer<typeof CreateRouterInput>;

export const UpdateRouterInput = z.object(routerFields).partial();
export type UpdateRouterInput = z.infer<typeof UpdateRouterInput>;

/** RouterOS's `api-ssl` port: a router created on it without an explicit choice is reached over TLS. */
export const API_SSL_PORT = 8729;

export const ListRoutersQuery = PageQuerySchema.extend({
  status: z.enum(ROUTER_STATUSES).optional().meta({ description: "Only routers in this state", example: "online" }),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .meta({ description: "Only active (true) or inactive (false) routers", example: "true" }),
  connectorId: z.uuid().optional().meta({ description: "Only routers behind this connector" }),
  search: searchQuery("Part of the name, host or location", "Pusat"),
});
export type ListRoutersQuery = z.infer<typeof ListRoutersQuery>;
