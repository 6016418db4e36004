import { z } from "@hono/zod-openapi";

const ID = "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55";

export const CustomerIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: ID }),
});

export const CustomerSessionSchema = z
  .object({
    customerId: z.uuid().openapi({ example: ID }),
    routerId: z.uuid().openapi({ description: "The router asked", example: "6c1b7e55-3f2a-4e6f-9a43-2f0d8b7d1c0e" }),
    online: z.boolean().openapi({ description: "Whether a PPPoE session is up right now", example: true }),
    session: z
      .object({
        username: z.string().openapi({ description: "PPPoE username", example: "cust-000123" }),
        service: z.string().openapi({ example: "pppoe" }),
        address: z.string().nullable().openapi({ description: "Address given to the CPE", example: "10.10.0.23" }),
        callerId: z.string().nullable().openapi({ description: "The CPE's MAC address", example: "AA:BB:CC:00:01:17" }),
        uptimeSeconds: z.number().int().openapi({ description: "Session age, seconds", example: 86_400 }),
      })
      .nullable()
      .openapi({ description: "The active session, null when offline" }),
  })
  .openapi("CustomerSession");

export const SessionDisconnectSchema = z
  .object({
    customerId: z.uuid().openapi({ example: ID }),
    kicked: z.number().int().openapi({ description: "Sessions dropped (0 when the customer was offline)", example: 1 }),
  })
  .openapi("SessionDisconnect");
