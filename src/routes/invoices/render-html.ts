import type { Invoice } from "../../services/billing/invoice";
import { dateName, INVOICE_LABELS, periodName, rupiah } from "../../services/billing/invoice-labels";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Every value that reaches the page goes through here (customer names and addresses are user input). */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A self-contained, printable invoice page in the tenant's language (no scripts, no external assets). */
export function renderInvoiceHtml(inv: Invoice): string {
  const l = INVOICE_LABELS[inv.locale];
  const e = escapeHtml;
  const money = (n: number) => e(rupiah(inv.locale, n));
  const rows = inv.lines
    .map(
      (line) =>
        `<tr><td>${e(line.description)}</td><td class="n">${e(line.quantity)}</td>` +
        `<td class="n">${money(line.unitPrice)}</td><td class="n">${money(line.amount)}</td></tr>`,
    )
    .join("\n");
  const paid = inv.paidOn ? `<tr><th>${e(l.paidOn)}</th><td>${e(dateName(inv.locale, inv.paidOn))}</td></tr>` : "";
  return `<!doctype html>
<html lang="${e(inv.locale)}">
<head>
<meta charset="utf-8">
<title>${e(l.invoice)} ${e(inv.invoiceNumber)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse}
.meta th{text-align:left;padding-right:1rem}.lines{width:100%;margin-top:1.5rem}
.lines th,.lines td{border-bottom:1px solid #ccc;padding:.4rem}.n{text-align:right}
.total td{font-weight:bold}@media print{body{margin:0}}
</style>
</head>
<body>
<h1>${e(l.invoice)} — ${e(inv.seller.name)}</h1>
<table class="meta">
<tr><th>${e(l.invoiceNumber)}</th><td>${e(inv.invoiceNumber)}</td></tr>
<tr><th>${e(l.period)}</th><td>${e(periodName(inv.locale, inv.period))}</td></tr>
<tr><th>${e(l.issueDate)}</th><td>${e(dateName(inv.locale, inv.issueDate))}</td></tr>
<tr><th>${e(l.dueDate)}</th><td>${e(dateName(inv.locale, inv.dueDate))}</td></tr>
<tr><th>${e(l.status)}</th><td>${e(l.statuses[inv.status])}</td></tr>
${paid}
</table>
<h2>${e(l.billTo)}</h2>
<p>${e(inv.customer.name)}<br>${e(l.customerCode)}: ${e(inv.customer.code)}<br>${e(inv.customer.address)}<br>${e(inv.customer.phone)}${inv.customer.email ? `<br>${e(inv.customer.email)}` : ""}</p>
<table class="lines">
<thead><tr><th>${e(l.description)}</th><th class="n">${e(l.quantity)}</th><th class="n">${e(l.unitPrice)}</th><th class="n">${e(l.amount)}</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
<tr><td colspan="3" class="n">${e(l.subtotal)}</td><td class="n">${money(inv.subtotal)}</td></tr>
<tr class="total"><td colspan="3" class="n">${e(l.total)}</td><td class="n">${money(inv.total)}</td></tr>
</tfoot>
</table>
</body>
</html>
`;
}
