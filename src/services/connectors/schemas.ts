import { z } from "zod";
import { CONNECTOR_STATUSES } from "../../db/schema";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import { PlainNameSchema } from "../tenants/schemas";

export const CreateConnectorInput = z.object({
  name: PlainNameSchema.max(100).meta({ description: "Where it runs, for people", example: "Mini PC kantor" }),
});
export type CreateConnectorInput = z.infer<typeof CreateConnectorInput>;

export const ListConnectorsQuery = PageQuerySchema.extend({
  status: z
    .enum(CONNECTOR_STATUSES)
    .optional()
    .meta({ description: "Only connectors in this state", example: "online" }),
  search: searchQuery("Part of the name", "kantor"),
});
export type ListConnectorsQuery = z.infer<typeof ListConnectorsQuery>;
