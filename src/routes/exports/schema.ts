import { z } from "@hono/zod-openapi";
import { CalendarDateSchema } from "../../services/payments/schemas";

export const ExportQuery = z
  .object({
    from: CalendarDateSchema.optional().openapi({
      description: "First day of created_at, inclusive, in the tenant's time zone",
      example: "2026-11-01",
    }),
    to: CalendarDateSchema.optional().openapi({
      description: "Last day of created_at, inclusive, in the tenant's time zone",
      example: "2026-11-30",
    }),
  })
  .openapi("ExportQuery");

export const CsvSchema = z.string().openapi({
  description: "UTF-8 CSV with BOM (RFC 4180, CRLF), header row of column names; formula-like text prefixed with '",
  example: "\uFEFFid,customer_code,name\r\n5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55,CUST-000123,Siti Rahayu\r\n",
});
