import { z } from "zod";
import { formatDate, formatRupiah } from "../format";
import type { EmailTemplate } from "../types";
import { amount, calendarDate, notice, text } from "./notice";

const schema = z.object({
  customerName: text(),
  invoiceNumber: text(64),
  amount: amount(),
  dueDate: calendarDate(),
  period: text(7).nullish(),
});

/** To the customer, when an invoice is created (billing run or a manual invoice). */
export const invoiceIssued: EmailTemplate<typeof schema> = {
  name: "invoice_issued",
  schema,
  render: {
    id: (d) =>
      notice(`Tagihan baru ${d.invoiceNumber}`, {
        greeting: `Halo ${d.customerName},`,
        lines: ["Tagihan internet Anda telah terbit."],
        facts: [
          ["Nomor tagihan", d.invoiceNumber],
          ["Periode", d.period],
          ["Jumlah", formatRupiah(d.amount, "id")],
          ["Jatuh tempo", formatDate(d.dueDate, "id")],
        ],
        closing: "Terima kasih telah berlangganan.",
      }),
    en: (d) =>
      notice(`New invoice ${d.invoiceNumber}`, {
        greeting: `Hello ${d.customerName},`,
        lines: ["Your internet invoice has been issued."],
        facts: [
          ["Invoice number", d.invoiceNumber],
          ["Period", d.period],
          ["Amount", formatRupiah(d.amount, "en")],
          ["Due date", formatDate(d.dueDate, "en")],
        ],
        closing: "Thank you for being our customer.",
      }),
  },
};
