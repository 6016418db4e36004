import { z } from "@hono/zod-openapi";
import { ROUTER_STATUSES } from "../../db/schema";
import {
  CreateRouterInput,
  ListRoutersQuery as ListRoutersInput,
  UpdateRouterInput,
} from "../../services/routers/schemas";
import { pageSchema } from "../shared";

const TIMESTAMP = "2026-11-24T08:00:00.000Z";

export const RouterSchema = z
  .object({
    id: z.uuid().openapi({ example: "6c1b7e55-3f2a-4e6f-9a43-2f0d8b7d1c0e" }),
    name: z.string().openapi({ description: "Unique within the tenant", example: "CCR Pusat" }),
    host: z.string().openapi({ description: "Canonical IP address or lower-case host name", example: "10.10.0.1" }),
    apiPort: z.number().int().openapi({ description: "RouterOS API port", example: 8728 }),
    apiTls: z.boolean().openapi({ description: "The API is reached over TLS (RouterOS api-ssl)", example: false }),
    username: z.string().openapi({ description: "RouterOS API user", example: "rtrw-api" }),
    hasPassword: z.boolean().openapi({ description: "Always true: the password is stored encrypted, never returned" }),
    location: z.string().nullable().openapi({ example: "Rumah Pak RT, Jl. Melati 3" }),
    isActive: z.boolean().openapi({ description: "Inactive routers get no provisioning", example: true }),
    connectorId: z
      .uuid()
      .nullable()
      .openapi({ description: "The connector that reaches it", example: "9a43c1e5-2f0d-4c8e-8b7d-6c1b7e553f2a" }),
    status: z
      .enum(ROUTER_STATUSES)
      .openapi({ description: "Read-only: reported via the connector", example: "online" }),
    lastSeen: z.string().nullable().openapi({ description: "Last contact (UTC), read-only", example: TIMESTAMP }),
    routerosVersion: z
      .string()
      .nullable()
      .openapi({ description: "Read-only, reported by the router", example: "7.16.2" }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
    updatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("Router");

export const CreateRouterBody = CreateRouterInput.strict().openapi("CreateRouter", {
  example: {
    name: "CCR Pusat",
    host: "10.10.0.1",
    username: "rtrw-api",
    password: "s3cret-pass",
    location: "Jl. Melati 3",
  },
});

export const UpdateRouterBody = UpdateRouterInput.strict().openapi("UpdateRouter", {
  example: { isActive: false },
});

export const RouterIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "6c1b7e55-3f2a-4e6f-9a43-2f0d8b7d1c0e" }),
});

export const ListRoutersQuery = ListRoutersInput.openapi("ListRoutersQuery");

export const RouterListSchema = pageSchema(RouterSchema, "RouterList");
