import { createDb } from "../../db/client";
import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { EXPORT_ENTITIES, EXPORTS, type ExportEntity } from "../../services/exports/entities";
import { startExport } from "../../services/exports/export";
import { serviceContext } from "../context";
import { tenantRoute } from "../tenant-route";
import { CsvSchema, ExportQuery } from "./schema";

/**
 * The route of one export. The documented permission is `exports:read`, except for the audit log,
 * which only `audit_logs:read` (admin) may export; the service requires both in every case.
 */
function exportRoute(entity: ExportEntity) {
  const spec = EXPORTS[entity];
  return tenantRoute({
    method: "get",
    path: `/${entity}.csv`,
    tags: ["Exports"],
    summary: `Export ${entity.replace("-", " ")} as CSV (streamed; from/to filter created_at)`,
    description: `Requires exports:read and ${spec.permission}. Columns: every column of the table except tenant_id${
      spec.omit.length ? " and secrets (see the X-Export-Omitted-Columns header)" : ""
    }.`,
    permission: entity === "audit-logs" ? "audit_logs:read" : "exports:read",
    request: { query: ExportQuery },
    responses: {
      200: { description: "The CSV file", content: { "text/csv": { schema: CsvSchema } } },
      ...openApiErrorResponses,
    },
  });
}

export function registerCsvExports(app: AppOpenAPI) {
  for (const entity of EXPORT_ENTITIES) {
    app.openapi(exportRoute(entity), async (c) => {
      const config = c.get("config");
      const exported = await startExport(serviceContext(c), entity, c.req.valid("query"), {
        // The body streams after this handler returns, when the request's own pool is closed.
        openDb: () => createDb(config.DATABASE_URL, config, c.get("log")),
      });
      const headers: Record<string, string> = {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exported.filename}"`,
        "Cache-Control": "no-store",
      };
      if (exported.omittedColumns.length) headers["X-Export-Omitted-Columns"] = exported.omittedColumns.join(",");
      return c.body(exported.stream, 200, headers);
    });
  }
}
