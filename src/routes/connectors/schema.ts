import { z } from "@hono/zod-openapi";
import { CONNECTOR_STATUSES } from "../../db/schema";
import { CreateConnectorInput, ListConnectorsQuery as ListConnectorsInput } from "../../services/connectors/schemas";
import { pageSchema } from "../shared";

const TIMESTAMP = "2026-11-24T08:00:00.000Z";
const ID = "9a43c1e5-2f0d-4c8e-8b7d-6c1b7e553f2a";

export const ConnectorSchema = z
  .object({
    id: z.uuid().openapi({ example: ID }),
    name: z.string().openapi({ description: "Where it runs, for people", example: "Mini PC kantor" }),
    status: z.enum(CONNECTOR_STATUSES).openapi({
      description: "pending until it enrolls; online while connected; offline after 90 s away",
      example: "online",
    }),
    revoked: z.boolean().openapi({ description: "Revoked connectors are refused for good", example: false }),
    revokedAt: z.string().nullable().openapi({ description: "When it was revoked (UTC)", example: null }),
    enrollmentExpiresAt: z
      .string()
      .nullable()
      .openapi({ description: "Expiry of the outstanding enrollment token (UTC), if any", example: TIMESTAMP }),
    version: z.string().nullable().openapi({ description: "Connector software it last reported", example: "0.1.0" }),
    lastSeen: z.string().nullable().openapi({ description: "Last sign of life (UTC)", example: TIMESTAMP }),
    routers: z
      .object({
        total: z.number().int().openapi({ description: "Routers assigned to it", example: 3 }),
        reachable: z.number().int().openapi({ description: "Of those, currently online", example: 3 }),
      })
      .openapi({ description: "The routers it reaches" }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
    updatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("Connector");

export const ConnectorEnrollmentSchema = z
  .object({
    id: z.uuid().openapi({ example: ID }),
    enrollment_token: z.string().openapi({
      description:
        "One-time token for the first connect (`rtrwnet-connector --token …`), valid 24 hours. Shown only now; " +
        "only its hash is stored",
      example: "q3Xl0m8Zk1c9yP2wVb7nRt4sJd6fGh5aLe0uOi3MxQw",
    }),
    connector: ConnectorSchema,
  })
  .openapi("ConnectorEnrollment");

export const CreateConnectorBody = CreateConnectorInput.strict().openapi("CreateConnector", {
  example: { name: "Mini PC kantor" },
});

export const ConnectorIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: ID }),
});

export const ListConnectorsQuery = ListConnectorsInput.extend({}).openapi("ListConnectorsQuery");

export const ConnectorListSchema = pageSchema(ConnectorSchema, "ConnectorList");
