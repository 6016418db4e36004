import { z } from "@hono/zod-openapi";
import { DRIFT_KINDS } from "../../services/reconcile/diff";

const ROUTER_ID = "6c1b7e55-3f2a-4e6f-9a43-2f0d8b7d1c0e";
const TIMESTAMP = "2026-11-24T08:00:00.000Z";

export const RouterIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: ROUTER_ID }),
});

export const RouterTestSchema = z
  .object({
    routerId: z.uuid().openapi({ example: ROUTER_ID }),
    reachable: z.boolean().openapi({ description: "The connector reached the router's API", example: true }),
    credentialsOk: z.boolean().openapi({ description: "The API user and password were accepted", example: true }),
    identity: z.string().nullable().openapi({ description: "/system identity", example: "CCR-Pusat" }),
    routerosVersion: z.string().nullable().openapi({ example: "7.18.2 (stable)" }),
    boardName: z.string().nullable().openapi({ example: "CCR2004-16G-2S+" }),
    uptimeSeconds: z.number().int().nullable().openapi({ example: 864_000 }),
    cpuLoad: z.number().int().nullable().openapi({ description: "Percent", example: 4 }),
    error: z
      .object({
        code: z.string().openapi({ example: "auth" }),
        message: z.string().openapi({ example: "invalid user name or password" }),
      })
      .nullable()
      .openapi({ description: "Why it is not reachable or not usable" }),
    testedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("RouterTest");

export const ReconcileQuery = z
  .object({
    dry_run: z
      .enum(["true", "false"])
      .optional()
      .openapi({ description: "true: only report the drift; otherwise it is fixed too", example: "true" }),
  })
  .openapi("ReconcileQuery");

const DriftSchema = z
  .object({
    kind: z.enum(DRIFT_KINDS).openapi({ example: "secret_disabled" }),
    name: z.string().openapi({ description: "Secret (PPPoE username) or profile name", example: "cust-000123" }),
    customerId: z.uuid().nullable().openapi({ example: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
    expected: z.string().nullable().openapi({ description: "What the database says", example: "true" }),
    actual: z.string().nullable().openapi({ description: "What the router has", example: "false" }),
  })
  .openapi("ReconcileDrift");

export const ReconcileReportSchema = z
  .object({
    routerId: z.uuid().openapi({ example: ROUTER_ID }),
    dryRun: z.boolean().openapi({ example: true }),
    checkedAt: z.string().openapi({ example: TIMESTAMP }),
    summary: z
      .object({
        secretsExpected: z.number().int().openapi({ example: 120 }),
        secretsFound: z.number().int().openapi({ description: "Secrets with our comment tag", example: 121 }),
        profilesExpected: z.number().int().openapi({ example: 4 }),
        drift: z.number().int().openapi({ example: 2 }),
      })
      .openapi({ description: "Counts" }),
    drift: z.array(DriftSchema).openapi({ description: "Every difference found" }),
    enqueued: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Fix commands queued for the connector (null on a dry run)", example: null }),
    notes: z.array(z.string()).openapi({ description: "What was not checked, and why", example: [] }),
  })
  .openapi("ReconcileReport");
