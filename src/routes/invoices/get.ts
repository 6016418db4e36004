import { z } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getInvoice } from "../../services/billing/invoice";
import { serviceContext } from "../context";
import { tenantRoute } from "../tenant-route";
import { prefersHtml } from "./negotiate";
import { renderInvoiceHtml } from "./render-html";
import { InvoiceParams, InvoiceSchema } from "./schema";

export const getInvoiceRoute = tenantRoute({
  method: "get",
  path: "/{period}",
  tags: ["Payments"],
  summary: "A customer's invoice for a billing period: JSON, or a printable page with Accept: text/html",
  permission: "payments:read",
  request: { params: InvoiceParams },
  responses: {
    200: {
      description: "The invoice",
      content: {
        "application/json": { schema: InvoiceSchema },
        "text/html": { schema: z.string().openapi({ description: "Printable invoice (tenant's language)" }) },
      },
    },
    ...openApiErrorResponses,
  },
});

export function registerGetInvoice(app: AppOpenAPI) {
  app.openapi(getInvoiceRoute, async (c) => {
    const { id, period } = c.req.valid("param");
    const invoice = await getInvoice(serviceContext(c), id, period);
    // The representation depends on Accept: shared caches must key on it.
    c.header("Vary", "Accept");
    if (prefersHtml(c.req.header("accept"))) {
      return c.html(renderInvoiceHtml(invoice), 200, { "Content-Type": "text/html; charset=utf-8" });
    }
    return c.json(invoice, 200);
  });
}
