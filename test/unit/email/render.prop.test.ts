import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { escapeHtml, isControl } from "../../../src/services/email/html";
import { renderEmail, TemplateError } from "../../../src/services/email/render";
import { TEMPLATE_NAMES } from "../../../src/services/email/templates";

const brand = { tenantName: "Warung Net", timeZone: "Asia/Jakarta" };
/** Strings that are mostly markup and quotes, so escaping is exercised on every run. */
const nasty = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom("<", ">", "&", '"', "'", "`", "<script>", "</td>", "&amp;", "\r\n", "é", "\u0000"),
      fc.string({ minLength: 1, maxLength: 3 }),
    ),
    maxLength: 40,
  })
  // The shortest bounded field (a device type, a priority) takes 32 characters.
  .map((s) => s.slice(0, 32));

/** Valid data for each template with every free-text field set to `s`. */
function dataFor(name: string, s: string): Record<string, unknown> {
  const common = { customerName: s, invoiceNumber: s, amount: 150_000, dueDate: "2026-11-15", period: "2026-11" };
  switch (name) {
    case "payment_overdue":
    case "invoice_issued":
      return common;
    case "ticket_created":
      return { ticketNumber: s, title: s, priority: s, customerName: s };
    case "ticket_assigned":
      return { ticketNumber: s, title: s, priority: s, assigneeName: s };
    case "speed_boost_approved":
      return {
        customerName: s,
        planName: s,
        durationDays: 7,
        startDate: "2026-11-01T03:00:00Z",
        endDate: "2026-11-08T03:00:00Z",
        price: 35_000,
      };
    case "speed_boost_rejected":
      return { customerName: s, planName: s, reason: s };
    case "device_offline":
      return { deviceName: s, deviceType: s, ipAddress: s, lastSeen: "2026-11-01T03:00:00Z" };
    case "connector_offline":
      return { connectorName: s, lastSeen: "2026-11-01T03:00:00Z" };
    case "backup_failed":
      return { backupId: s, error: s, failedAt: "2026-11-01T03:00:00Z" };
    case "account_locked":
      return {
        name: s,
        email: s,
        unlockUrl: "https://demo.rtrwnet.id/api/v1/auth/unlock?token=ul1.a.b",
        validMinutes: 60,
      };
    default:
      throw new Error(`no data for ${name}`);
  }
}

/** The HTML with every tag removed: what is left is text, which must hold no raw markup character. */
const textOf = (html: string) => html.replace(/<[^<>]*>/g, "");

describe("email renderer", () => {
  // Property 59 (support): every variable is HTML-escaped in the HTML part, verbatim in the text part
  test.prop([fc.constantFrom(...TEMPLATE_NAMES), fc.constantFrom("id", "en"), nasty], { numRuns: 300 })(
    "arbitrary input never becomes markup, and the subject stays one header line",
    (name, locale, s) => {
      const email = renderEmail(name, locale, dataFor(name, s), { ...brand, tenantName: s || "x" });
      expect(textOf(email.html)).not.toMatch(/[<>"'`]/);
      expect(textOf(email.html).replace(/&(amp|lt|gt|quot|#39|#96);/g, "")).not.toContain("&");
      if (s) expect(email.html).toContain(escapeHtml(s));
      if (s) expect(email.text).toContain(s);
      expect([...email.subject].filter(isControl)).toEqual([]);
      expect(email.html.startsWith("<!doctype html>")).toBe(true);
    },
  );

  it("speaks the tenant's language, Indonesian by default", () => {
    const d = dataFor("payment_overdue", "Siti");
    expect(renderEmail("payment_overdue", "id", d, brand).subject).toMatch(/jatuh tempo/);
    expect(renderEmail("payment_overdue", "en", d, brand).subject).toMatch(/overdue/);
    expect(renderEmail("payment_overdue", "xx", d, brand).subject).toMatch(/jatuh tempo/);
    expect(renderEmail("payment_overdue", "id", d, brand).text).toContain("Rp 150.000");
  });

  it("refuses an unknown template or data that does not fit", () => {
    expect(() => renderEmail("nope", "id", {}, brand)).toThrow(TemplateError);
    expect(() => renderEmail("payment_overdue", "id", { customerName: "x" }, brand)).toThrow(TemplateError);
  });
});
